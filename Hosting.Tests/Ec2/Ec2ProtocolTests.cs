using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using static Backend.Hosting.Tests.Ec2.Ec2TestHost;

namespace Backend.Hosting.Tests.Ec2;

public sealed class Ec2ProtocolTests
{
    [Fact]
    public async Task DescribeInstancesNamingAnUnknownInstanceIsRefusedWithInvalidInstanceIdNotFound()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.DescribeAsync("i-00000000000000000"));

        Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("i-00000000000000000", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task StartInstancesNamingAMalformedIdIsRefusedWithInvalidInstanceIdMalformed()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.StartAsync("gpu-worker"));

        Assert.Equal("InvalidInstanceID.Malformed", error.ErrorCode);
    }

    [Fact]
    public async Task AnActionTheEmulatorDoesNotServeIsRefusedWithInvalidAction()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.Client.TerminateInstancesAsync(
            new TerminateInstancesRequest { InstanceIds = [GpuInstance] }, TestContext.Current.CancellationToken));

        Assert.Equal("InvalidAction", error.ErrorCode);
    }

    [Fact]
    public async Task AnUnsignedRequestIsRefusedWithAuthFailure()
    {
        await using var host = await Ec2TestHost.StartAsync();
        using var anonymous = new AmazonEC2Client(
            new AnonymousAWSCredentials(),
            new AmazonEC2Config { ServiceURL = host.Emulator.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => anonymous.DescribeInstancesAsync(
            new DescribeInstancesRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("AuthFailure", error.ErrorCode);
    }

    [Fact]
    public async Task ADryRunStartIsAnsweredWithDryRunOperationAndStartsNothing()
    {
        await using var host = await Ec2TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => host.Client.StartInstancesAsync(
            new StartInstancesRequest { InstanceIds = [GpuInstance], DryRun = true }, TestContext.Current.CancellationToken));

        Assert.Equal("DryRunOperation", error.ErrorCode);
        Assert.Equal(InstanceStateName.Stopped, (await host.DescribeAsync(GpuInstance)).State.Name);
        Assert.Equal(0, host.Backend.Starts);
    }
}
