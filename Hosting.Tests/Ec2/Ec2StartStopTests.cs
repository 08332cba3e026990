using Amazon.EC2;
using Backend.Hosting.Ec2;
using static Backend.Hosting.Tests.Ec2.Ec2TestHost;

namespace Backend.Hosting.Tests.Ec2;

public sealed class Ec2StartStopTests
{
    [Fact]
    public async Task StartInstancesMovesAStoppedInstanceThroughPendingToRunning()
    {
        await using var host = await Ec2TestHost.StartAsync();
        host.Backend.HoldStarts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var change = await host.StartAsync();
        var whileStarting = await host.DescribeAsync(GpuInstance);
        host.Backend.HoldStarts.SetResult();
        var running = await host.WaitForStateAsync(GpuInstance, InstanceStateName.Running);

        Assert.Equal(InstanceStateName.Stopped, change.PreviousState.Name);
        Assert.Equal(InstanceStateName.Pending, change.CurrentState.Name);
        Assert.Equal(InstanceStateName.Pending, whileStarting.State.Name);
        Assert.Equal(0, whileStarting.State.Code);
        Assert.Equal(16, running.State.Code);
        Assert.Equal(1, host.Backend.Starts);
    }

    [Fact]
    public async Task StopInstancesMovesARunningInstanceThroughStoppingToStopped()
    {
        await using var host = await Ec2TestHost.StartAsync();
        await host.StartAsync();
        await host.WaitForStateAsync(GpuInstance, InstanceStateName.Running);
        host.Backend.HoldGracefulStops = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var change = await host.StopAsync();
        var whileStopping = await host.DescribeAsync(GpuInstance);
        host.Backend.HoldGracefulStops.SetResult();
        var stopped = await host.WaitForStateAsync(GpuInstance, InstanceStateName.Stopped);

        Assert.Equal(InstanceStateName.Running, change.PreviousState.Name);
        Assert.Equal(InstanceStateName.Stopping, change.CurrentState.Name);
        Assert.Equal(InstanceStateName.Stopping, whileStopping.State.Name);
        Assert.Equal("Client.UserInitiatedShutdown", stopped.StateReason.Code);
        Assert.StartsWith("User initiated (", stopped.StateTransitionReason, StringComparison.Ordinal);
        Assert.Equal([false], host.Backend.Stops);
    }

    [Fact]
    public async Task StartInstancesWhileStoppingIsRefusedWithIncorrectInstanceState()
    {
        await using var host = await Ec2TestHost.StartAsync([new(GpuInstance) { InitialState = Ec2InstanceStateName.Running }]);
        host.Backend.HoldGracefulStops = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.StopAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.StartAsync());

        Assert.Equal("IncorrectInstanceState", error.ErrorCode);
        Assert.Equal(0, host.Backend.Starts);
    }

    [Fact]
    public async Task StopInstancesWhilePendingIsRefusedWithIncorrectInstanceState()
    {
        await using var host = await Ec2TestHost.StartAsync();
        host.Backend.HoldStarts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.StopAsync());

        Assert.Equal("IncorrectInstanceState", error.ErrorCode);
        Assert.Empty(host.Backend.Stops);
    }

    [Fact]
    public async Task StartingARunningInstanceAnswersItsStateAndStartsNothing()
    {
        await using var host = await Ec2TestHost.StartAsync([new(GpuInstance) { InitialState = Ec2InstanceStateName.Running }]);

        var change = await host.StartAsync();

        Assert.Equal(InstanceStateName.Running, change.PreviousState.Name);
        Assert.Equal(InstanceStateName.Running, change.CurrentState.Name);
        Assert.Equal(0, host.Backend.Starts);
    }

    [Fact]
    public async Task StoppingAStoppedInstanceAnswersItsStateAndStopsNothing()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var change = await host.StopAsync(force: true);

        Assert.Equal(InstanceStateName.Stopped, change.PreviousState.Name);
        Assert.Equal(InstanceStateName.Stopped, change.CurrentState.Name);
        Assert.Empty(host.Backend.Stops);
    }

    [Fact]
    public async Task ConcurrentStartsStartTheBackendExactlyOnce()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var changes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.StartAsync())));
        await host.WaitForStateAsync(GpuInstance, InstanceStateName.Running);

        Assert.Single(changes, c => c.PreviousState.Name == InstanceStateName.Stopped);
        Assert.Equal(1, host.Backend.Starts);
    }

    [Fact]
    public async Task AFailingBackendStartReturnsTheInstanceToStopped()
    {
        await using var host = await Ec2TestHost.StartAsync();
        host.Backend.FailStarts = new InvalidOperationException("GpuWorker exited with code 1");

        await host.StartAsync();
        var stopped = await host.WaitForStateAsync(GpuInstance, InstanceStateName.Stopped);

        Assert.Equal("Server.InternalError", stopped.StateReason.Code);
        Assert.Contains("GpuWorker exited with code 1", stopped.StateReason.Message, StringComparison.Ordinal);
        Assert.Equal(Ec2InstanceStateName.Stopped, host.Emulator.GetInstance(GpuInstance).State);
    }

    [Fact]
    public async Task ForcedStopInterruptsAGracefulStopThatHangs()
    {
        await using var host = await Ec2TestHost.StartAsync([new(GpuInstance) { InitialState = Ec2InstanceStateName.Running }]);
        host.Backend.HoldGracefulStops = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.StopAsync();

        var change = await host.StopAsync(force: true);
        await host.WaitForStateAsync(GpuInstance, InstanceStateName.Stopped);

        Assert.Equal(InstanceStateName.Stopping, change.CurrentState.Name);
        Assert.Equal([false, true], host.Backend.Stops);
    }

    [Fact]
    public async Task AFailedStopLeavesTheInstanceStoppingUntilAForcedStop()
    {
        await using var host = await Ec2TestHost.StartAsync([new(GpuInstance) { InitialState = Ec2InstanceStateName.Running }]);
        host.Backend.FailStops = new InvalidOperationException("could not signal the process");
        await host.StopAsync();
        await WaitUntilAsync(() => host.Emulator.GetInstance(GpuInstance).StateReason?.Code == "Server.InternalError");

        var stuck = await host.DescribeAsync(GpuInstance);
        host.Backend.FailStops = null;
        await host.StopAsync(force: true);
        var stopped = await host.WaitForStateAsync(GpuInstance, InstanceStateName.Stopped);

        Assert.Equal(InstanceStateName.Stopping, stuck.State.Name);
        Assert.Equal(InstanceStateName.Stopped, stopped.State.Name);
        Assert.Equal([false, true], host.Backend.Stops);
    }
}
