using System.Collections.Concurrent;
using Backend.Hosting.Ec2;
using static Backend.Hosting.Tests.Ec2.Ec2TestHost;

namespace Backend.Hosting.Tests.Ec2;

public sealed class Ec2EmulatorObservingTests
{
    [Fact]
    public async Task StateChangedReportsEveryTransitionOfAStartAndStopInOrder()
    {
        await using var host = await Ec2TestHost.StartAsync();
        var changes = new ConcurrentQueue<Ec2InstanceStateChange>();
        host.Emulator.StateChanged += (_, change) => changes.Enqueue(change);

        await host.StartAsync();
        await host.Emulator.WaitForStateAsync(GpuInstance, Ec2InstanceStateName.Running, TestContext.Current.CancellationToken);
        await host.StopAsync();
        await host.Emulator.WaitForStateAsync(GpuInstance, Ec2InstanceStateName.Stopped, TestContext.Current.CancellationToken);

        Assert.Equal(
            [Ec2InstanceStateName.Pending, Ec2InstanceStateName.Running, Ec2InstanceStateName.Stopping, Ec2InstanceStateName.Stopped],
            changes.Select(c => c.Current.State));
        Assert.Equal([1L, 2L, 3L, 4L], changes.Select(c => c.Current.Transition));
        Assert.All(changes, c => Assert.Equal(c.Previous.Transition + 1, c.Current.Transition));
    }

    [Fact]
    public async Task AnObserverThatThrowsDoesNotStopTheInstanceFromStarting()
    {
        await using var host = await Ec2TestHost.StartAsync();
        host.Emulator.StateChanged += (_, _) => throw new InvalidOperationException("dashboard is gone");

        await host.StartAsync();
        var running = await host.Emulator.WaitForStateAsync(GpuInstance, Ec2InstanceStateName.Running, TestContext.Current.CancellationToken);

        Assert.Equal(2, running.Transition);
    }

    [Fact]
    public async Task GetInstancesListsTheDeclaredInstancesWithTheirInitialState()
    {
        await using var host = await Ec2TestHost.StartAsync(
            [new(GpuInstance), new(OtherInstance) { InitialState = Ec2InstanceStateName.Running, InstanceType = "t3.micro" }]);

        var instances = host.Emulator.GetInstances();

        Assert.Equal([GpuInstance, OtherInstance], instances.Select(i => i.InstanceId));
        Assert.Equal([Ec2InstanceStateName.Stopped, Ec2InstanceStateName.Running], instances.Select(i => i.State));
        Assert.All(instances, i => Assert.Equal(0, i.Transition));
    }

    [Theory]
    [InlineData("gpu-1")]
    [InlineData("i-0123")]
    public async Task StartingWithAnInstanceIdEc2WouldNotIssueFailsFast(string instanceId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ec2Emulator.StartAsync(
            new Ec2EmulatorOptions { Instances = [new(instanceId)] }, cancellationToken: TestContext.Current.CancellationToken));
    }
}
