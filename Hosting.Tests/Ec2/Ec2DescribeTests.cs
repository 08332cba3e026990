using Amazon.EC2;
using Amazon.EC2.Model;
using Backend.Hosting.Ec2;
using static Backend.Hosting.Tests.Ec2.Ec2TestHost;

namespace Backend.Hosting.Tests.Ec2;

public sealed class Ec2DescribeTests
{
    private static readonly Ec2InstanceDefinition[] OneRunningOneStopped =
    [
        new(GpuInstance) { InitialState = Ec2InstanceStateName.Running },
        new(OtherInstance) { InstanceType = "t3.micro" },
    ];

    [Fact]
    public async Task DescribeInstancesReportsTheDeclaredInstanceStopped()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var instance = await host.DescribeAsync(GpuInstance);

        Assert.Equal(GpuInstance, instance.InstanceId);
        Assert.Equal(InstanceType.G5Xlarge, instance.InstanceType);
        Assert.Equal(InstanceStateName.Stopped, instance.State.Name);
        Assert.Equal(80, instance.State.Code);
        Assert.Equal("127.0.0.1", instance.PrivateIpAddress);
        Assert.Equal("us-east-1a", instance.Placement.AvailabilityZone);
        Assert.NotNull(instance.LaunchTime);
        Assert.Equal("gpu", Assert.Single(instance.Tags).Value);
    }

    [Fact]
    public async Task DescribeInstancesWithoutIdsListsEveryDeclaredInstance()
    {
        await using var host = await Ec2TestHost.StartAsync(OneRunningOneStopped);

        var response = await host.Client.DescribeInstancesAsync(new DescribeInstancesRequest(), TestContext.Current.CancellationToken);

        Assert.Equal([GpuInstance, OtherInstance], response.Reservations.SelectMany(r => r.Instances).Select(i => i.InstanceId));
    }

    [Theory]
    [InlineData("running", GpuInstance)]
    [InlineData("stopped", OtherInstance)]
    [InlineData("stop*", OtherInstance)]
    public async Task DescribeInstancesFiltersByInstanceStateName(string stateName, string expected)
    {
        await using var host = await Ec2TestHost.StartAsync(OneRunningOneStopped);

        var response = await host.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { Filters = [new Filter("instance-state-name", [stateName])] },
            TestContext.Current.CancellationToken);

        Assert.Equal(expected, Assert.Single(Assert.Single(response.Reservations).Instances).InstanceId);
    }

    [Fact]
    public async Task DescribeInstancesFilteredByAStateNoInstanceIsInReturnsNoReservation()
    {
        await using var host = await Ec2TestHost.StartAsync(OneRunningOneStopped);

        var response = await host.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { Filters = [new Filter("instance-state-name", ["pending", "stopping"])] },
            TestContext.Current.CancellationToken);

        Assert.Empty(response.Reservations ?? []);
    }

    [Fact]
    public async Task DescribeInstancesRejectsAFilterItDoesNotKnow()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { Filters = [new Filter("vpc-id", ["vpc-1"])] },
            TestContext.Current.CancellationToken));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeInstanceStatusListsOnlyRunningInstancesUnlessAllAreIncluded()
    {
        await using var host = await Ec2TestHost.StartAsync(OneRunningOneStopped);

        var running = await host.Client.DescribeInstanceStatusAsync(new DescribeInstanceStatusRequest(), TestContext.Current.CancellationToken);
        var all = await host.Client.DescribeInstanceStatusAsync(
            new DescribeInstanceStatusRequest { IncludeAllInstances = true }, TestContext.Current.CancellationToken);

        var onlyRunning = Assert.Single(running.InstanceStatuses);
        Assert.Equal(GpuInstance, onlyRunning.InstanceId);
        Assert.Equal(InstanceStateName.Running, onlyRunning.InstanceState.Name);
        Assert.Equal(SummaryStatus.Ok, onlyRunning.SystemStatus.Status);
        Assert.Equal(SummaryStatus.Ok, onlyRunning.Status.Status);
        Assert.Equal(StatusType.Passed, Assert.Single(onlyRunning.Status.Details).Status);
        Assert.Equal([GpuInstance, OtherInstance], all.InstanceStatuses.Select(s => s.InstanceId));
        Assert.Equal(SummaryStatus.NotApplicable, all.InstanceStatuses[1].Status.Status);
    }

    [Fact]
    public async Task DescribeInstanceStatusReportsAFreshlyRunningInstanceAsInitializing()
    {
        await using var host = await Ec2TestHost.StartAsync(OneRunningOneStopped, statusCheckDelay: TimeSpan.FromHours(1));

        var response = await host.Client.DescribeInstanceStatusAsync(
            new DescribeInstanceStatusRequest { InstanceIds = [GpuInstance] }, TestContext.Current.CancellationToken);

        var status = Assert.Single(response.InstanceStatuses);
        Assert.Equal(SummaryStatus.Initializing, status.SystemStatus.Status);
        Assert.Equal(SummaryStatus.Initializing, status.Status.Status);
    }

    [Fact]
    public async Task DescribeInstanceStatusNamingAnUnknownInstanceIsRefusedWithInvalidInstanceIdNotFound()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.Client.DescribeInstanceStatusAsync(
            new DescribeInstanceStatusRequest { InstanceIds = ["i-00000000000000000"], IncludeAllInstances = true },
            TestContext.Current.CancellationToken));

        Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
    }
}
