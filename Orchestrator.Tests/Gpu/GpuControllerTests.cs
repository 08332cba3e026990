using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>One controller against the real SQS emulator and the EC2 stand-in: the everyday decisions.</summary>
public sealed class GpuControllerTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task StartsTheStoppedInstanceWhenGpuWorkArrives()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.Leader && s.State == GpuInstanceState.Stopped);

        await testbed.SendAsync(3);
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);

        Assert.Equal(1, testbed.Backend.Starts);
        var status = await controller.WaitForStatusAsync(s => s.LastAction is not null);
        Assert.Equal(GpuAction.Start, status.LastAction!.Action);
        Assert.Contains("3 GPU messages waiting", status.LastAction.Reason);
        Assert.Equal(1, controller.Metrics["gpu.instance.starts"]);
    }

    [Fact]
    public async Task LeavesTheInstanceStoppedWhileTheQueueIsEmpty()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync();

        var status = await controller.WaitForPollsAsync(10);

        Assert.Equal(Ec2InstanceStateName.Stopped, testbed.State);
        Assert.Equal(0, testbed.Backend.Starts);
        Assert.Equal((GpuAction.None, "stopped with no GPU work"), (status.Decision!.Action, status.Decision.Reason));
        Assert.Null(status.LastAction);
    }

    [Fact]
    public async Task StopsTheRunningInstanceOnceTheQueueHasStayedEmptyForTheIdleTimeout()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.IdleSince is not null);

        await testbed.WaitForStateAsync(Ec2InstanceStateName.Stopped);

        // Not before the idle timeout: GpuDeciderTests pins that boundary on a fake clock. Here, wall-clock gaps between
        // two status snapshots on a loaded machine say nothing about the controller, so only its reason is checked.
        var stoppedAt = await controller.WaitForStatusAsync(s => s.LastAction?.Action == GpuAction.Stop);
        Assert.Contains("no GPU work for", stoppedAt.LastAction!.Reason);
        Assert.Contains("(idle timeout 1 s)", stoppedAt.LastAction.Reason);
        Assert.Equal(1, testbed.Backend.Stops);
        Assert.Equal(1, controller.Metrics["gpu.instance.stops"]);
        Assert.True(controller.Metrics["gpu.instance.idle_seconds"] > 0);
    }

    [Fact]
    public async Task DoesNotStopTheInstanceWhileAMessageIsInFlight()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        await testbed.SendAsync();
        var inFlight = await testbed.ReceiveAndHoldAsync();
        var controller = await testbed.StartControllerAsync();

        // Well past the idle timeout (1 s) with the message still in flight.
        await controller.WaitForStatusAsync(s => s.Queue?.InFlight == 1);
        var started = DateTimeOffset.UtcNow;
        var status = await controller.WaitForStatusAsync(s => s.ObservedAt > started.AddSeconds(2.5));

        Assert.Equal(Ec2InstanceStateName.Running, testbed.State);
        Assert.Null(status.IdleSince);
        Assert.StartsWith("busy: 1 GPU message", status.Decision!.Reason);

        await fixture.Sqs.DeleteMessageAsync(testbed.Queue.Url, inFlight.ReceiptHandle, TestContext.Current.CancellationToken);
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Stopped);
    }

    [Fact]
    public async Task ShowsTheInstanceAndQueueAsMetricsOnTheLeader()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        await testbed.SendAsync(2);
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.Leader && s.Queue?.Total == 2);

        controller.Metrics.Observe();

        Assert.Equal(1, controller.Metrics["gpu.instance.running"]);
        Assert.Equal(1, controller.Metrics["gpu.controller.leader"]);
    }
}
