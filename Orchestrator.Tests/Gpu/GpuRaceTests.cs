using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>The races of starting and stopping one instance, against the real SQS emulator and the EC2 stand-in.</summary>
public sealed class GpuRaceTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task WorkArrivingWhileTheInstanceStopsStartsItAgainOnceStopped()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running, stopDelay: TimeSpan.FromSeconds(2));
        var controller = await testbed.StartControllerAsync();
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Stopping);

        await testbed.SendAsync();

        var waiting = await controller.WaitForStatusAsync(s => s.Decision?.Reason.Contains("will start once stopped") == true);
        Assert.Equal(GpuAction.Wait, waiting.Decision!.Action);
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);
        Assert.Equal((1, 1), (testbed.Backend.Stops, testbed.Backend.Starts));
        Assert.Null(controller.Status.LastError);
        // It waited for stopped rather than asking EC2 for a start it would refuse.
        Assert.Equal(0, controller.Metrics["gpu.instance.deferrals"]);
    }

    [Fact]
    public async Task AnOperatorStartWhileStoppingIsRefusedByEc2AndRetriedUntilTheInstanceRuns()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running, stopDelay: TimeSpan.FromSeconds(2));
        var controller = await testbed.StartControllerAsync(new Dictionary<string, string?> { ["Gpu:IdleTimeout"] = "01:00:00" });
        await controller.WaitForStatusAsync(s => s.Leader);
        // Someone stops the instance behind the controller's back (the console, another tool).
        using var ec2 = testbed.CreateEc2Client();
        await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [GpuTestbed.InstanceId] }, TestContext.Current.CancellationToken);

        using var response = await controller.Client.PostAsync("/api/gpu/start", null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var deferred = await controller.WaitForStatusAsync(s => s.Decision?.Action == GpuAction.Deferred);
        Assert.Contains("IncorrectInstanceState", deferred.Decision!.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(deferred.PendingRequest);
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);
        var done = await controller.WaitForStatusAsync(s => s.PendingRequest is null && s.LastAction?.Action == GpuAction.Start);
        Assert.Null(done.LastError);
        Assert.True(controller.Metrics["gpu.instance.deferrals"] >= 1);
        Assert.Equal(1, controller.Metrics["gpu.instance.starts"]);
    }

    [Fact]
    public async Task AnOperatorStopWhilePendingIsRetriedOnceRunningAndThenHoldsTheInstanceStopped()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, startDelay: TimeSpan.FromSeconds(2));
        var controller = await testbed.StartControllerAsync();
        await testbed.SendAsync();
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Pending);

        using var response = await controller.Client.PostAsync("/api/gpu/stop?holdSeconds=60", null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await controller.WaitForStatusAsync(s => s.Decision?.Action == GpuAction.Deferred);
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Stopped);
        // The message still waits, but the operator's hold keeps the instance stopped.
        var held = await controller.WaitForPollsAsync(5);
        Assert.Equal(Ec2InstanceStateName.Stopped, testbed.State);
        Assert.Contains("operator stop holds the instance stopped", held.Decision!.Reason);
        Assert.Equal(1, held.Queue!.Visible);
        Assert.Equal((1, 1), (testbed.Backend.Starts, testbed.Backend.Stops));
    }

    [Fact]
    public async Task AnIdleStopIsCalledOffWhenATaskArrivesBetweenTheDecisionAndStopInstances()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        await testbed.SendAsync();
        var busy = await testbed.ReceiveAndHoldAsync();
        // Idle timeout 0: the first poll that sees an empty queue decides to stop.
        var controller = await testbed.StartControllerAsync(new Dictionary<string, string?> { ["Gpu:IdleTimeout"] = "00:00:00" });
        await controller.WaitForStatusAsync(s => s.Queue?.InFlight == 1);
        // The race, made deterministic: right after the poll reads an empty queue, a task arrives.
        var sqs = (AmazonServiceClient)controller.Services.GetRequiredService<IAmazonSQS>();
        var armed = 1;
        sqs.AfterResponseEvent += (_, e) =>
        {
            if (e is WebServiceResponseEventArgs { Response: GetQueueAttributesResponse { ApproximateNumberOfMessagesNotVisible: 0 } }
                && Interlocked.Exchange(ref armed, 0) == 1)
            {
                fixture.Sqs.SendMessageAsync(testbed.Queue.Url, "{}").GetAwaiter().GetResult();
            }
        };

        await fixture.Sqs.DeleteMessageAsync(testbed.Queue.Url, busy.ReceiptHandle, TestContext.Current.CancellationToken);

        await controller.WaitForStatusAsync(s => controller.Metrics["gpu.instance.stops_called_off"] == 1);
        var status = await controller.WaitForPollsAsync(3);
        Assert.Equal(Ec2InstanceStateName.Running, testbed.State);
        Assert.Equal(0, testbed.Backend.Stops);
        Assert.Equal(1, status.Queue!.Visible);
    }

    [Fact]
    public async Task AStopStuckInStoppingIsForcedAfterTheStopTimeout()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        testbed.Backend.HangGracefulStops = true;
        var controller = await testbed.StartControllerAsync(new Dictionary<string, string?> { ["Gpu:StopTimeout"] = "00:00:01" });

        await testbed.WaitForTransitionsAsync(Ec2InstanceStateName.Stopping, Ec2InstanceStateName.Stopped);

        Assert.Equal(1, testbed.Backend.ForcedStops);
        var status = await controller.WaitForStatusAsync(s => s.LastAction?.Action == GpuAction.ForceStop);
        Assert.Contains("stuck in stopping", status.LastAction!.Reason);
    }

    [Fact]
    public async Task AQueueThatCannotBeReadIsReportedAndNothingIsStartedOrStopped()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        var controller = await testbed.StartControllerAsync(new Dictionary<string, string?>
        {
            ["Gpu:QueueUrl"] = testbed.Queue.Url + "-missing",
        });

        var status = await controller.WaitForStatusAsync(s => s.LastError is not null && s.Polls >= 3);

        Assert.False(status.Leader);
        Assert.Equal(Ec2InstanceStateName.Running, testbed.State);
        Assert.Equal(0, testbed.Backend.Stops);
        Assert.True(controller.Metrics["gpu.controller.errors"] >= 3);
    }
}
