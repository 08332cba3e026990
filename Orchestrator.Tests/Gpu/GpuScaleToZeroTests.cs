using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// The whole cycle with a backend that drains the queue the way the GpuWorker does. (The same cycle
/// with the real GpuWorker process belongs to the orchestrator's end-to-end tests.)
/// </summary>
public sealed class GpuScaleToZeroTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task WorkStartsTheInstanceTheWorkerDrainsItAndTheIdleInstanceStops()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, drain: true);
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.Leader);

        await testbed.SendAsync(10);

        await testbed.WaitForTransitionsAsync(Ec2InstanceStateName.Running, Ec2InstanceStateName.Stopped);
        Assert.Equal(10, testbed.Backend.Processed);
        Assert.Equal((1, 1), (testbed.Backend.Starts, testbed.Backend.Stops));
        var status = await controller.WaitForPollsAsync(1);
        Assert.Equal(0, status.Queue!.Total);
        Assert.True(controller.Metrics["gpu.instance.idle_seconds"] >= 0.9, "the instance idled for about the idle timeout before stopping");
        Assert.True(controller.Metrics["gpu.instance.running_seconds"] >= controller.Metrics["gpu.instance.idle_seconds"]);
    }

    [Fact]
    public async Task AMessageTheWorkerHandsBackAsTheInstanceStopsStartsItAgain()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, drain: true);
        testbed.Backend.HoldFirstMessage = true;
        var controller = await testbed.StartControllerAsync();
        await testbed.SendAsync();
        await controller.WaitForStatusAsync(s => s.State == GpuInstanceState.Running && s.Queue?.InFlight == 1);

        // An operator stops the instance mid-task; the worker releases its message on the way down.
        using var response = await controller.Client.PostAsync("/api/gpu/stop?holdSeconds=0", null, TestContext.Current.CancellationToken);

        await testbed.WaitForTransitionsAsync(
            Ec2InstanceStateName.Running, Ec2InstanceStateName.Stopped, Ec2InstanceStateName.Running, Ec2InstanceStateName.Stopped);
        Assert.Equal(1, testbed.Backend.Processed);
        Assert.Equal((2, 2), (testbed.Backend.Starts, testbed.Backend.Stops));
    }
}
