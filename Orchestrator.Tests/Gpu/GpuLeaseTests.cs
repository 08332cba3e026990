using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>Several orchestrator replicas, one lease in the task table: only the leader acts, and a new leader carries on.</summary>
public sealed class GpuLeaseTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task TwoReplicasStartingTogetherStartTheInstanceExactlyOnce()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        await testbed.SendAsync(5);

        var replicas = await Task.WhenAll(testbed.StartControllerAsync(), testbed.StartControllerAsync());

        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);
        await Task.WhenAll(replicas.Select(r => r.WaitForPollsAsync(5)));
        var leader = Assert.Single(replicas, r => r.Status.Leader);
        var follower = Assert.Single(replicas, r => !r.Status.Leader);
        Assert.Equal(1, testbed.Backend.Starts);
        Assert.Equal(1, leader.Metrics["gpu.instance.starts"]);
        Assert.Equal(0, follower.Metrics["gpu.instance.starts"] + follower.Metrics["gpu.instance.deferrals"]);
        // Both show the leader's decisions, from the shared item.
        Assert.All(replicas, r => Assert.Equal(leader.Controller.ReplicaId, r.Status.LeaderId));
        Assert.All(replicas, r => Assert.Equal((GpuAction.Start, leader.Controller.ReplicaId), (r.Status.LastAction?.Action, r.Status.LastAction?.By)));
    }

    [Fact]
    public async Task WhenTheLeaderLeavesAnotherReplicaTakesOverWithTheSameIdleClock()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        var settings = new Dictionary<string, string?> { ["Gpu:IdleTimeout"] = "00:00:03" };
        var first = await testbed.StartControllerAsync(settings);
        var idleSince = (await first.WaitForStatusAsync(s => s.Leader && s.IdleSince is not null)).IdleSince!.Value;
        var second = await testbed.StartControllerAsync(settings);
        await second.WaitForPollsAsync(2);
        Assert.False(second.Status.Leader);

        await first.StopAsync();

        var takenOver = await second.WaitForStatusAsync(s => s.Leader);
        Assert.Equal(idleSince.ToUnixTimeMilliseconds(), takenOver.IdleSince?.ToUnixTimeMilliseconds());
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Stopped);
        var stopped = await second.WaitForStatusAsync(s => s.LastAction?.Action == GpuAction.Stop);
        Assert.Equal(second.Controller.ReplicaId, stopped.LastAction!.By);
        Assert.True(stopped.LastAction.At.ToUnixTimeMilliseconds() - idleSince.ToUnixTimeMilliseconds() >= 3000, "stopped before the idle timeout");

        // The new leader keeps working: new GPU work starts the instance again.
        await testbed.SendAsync();
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);
        Assert.Equal(1, second.Metrics["gpu.instance.starts"]);
    }

    [Fact]
    public async Task ALeaseLeftByACrashedReplicaIsTakenOverOnlyOnceItExpires()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var expires = DateTimeOffset.UtcNow.AddSeconds(4);
        await fixture.DynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = testbed.TableName,
            Item = new()
            {
                ["task_id"] = new AttributeValue { S = "#controller/gpu" },
                ["lease_owner"] = new AttributeValue { S = "crashed-replica" },
                ["lease_expires_at"] = new AttributeValue { N = expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            },
        }, TestContext.Current.CancellationToken);
        await testbed.SendAsync();

        var controller = await testbed.StartControllerAsync();

        var waiting = await controller.WaitForPollsAsync(3);
        Assert.Equal((false, "crashed-replica"), (waiting.Leader, waiting.LeaderId));
        if (DateTimeOffset.UtcNow < expires.AddSeconds(-1))
        {
            Assert.Equal(0, testbed.Backend.Starts);
        }
        var leading = await controller.WaitForStatusAsync(s => s.Leader);
        Assert.True(leading.ObservedAt >= expires, "took over a lease that had not expired");
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);
        Assert.Equal(1, testbed.Backend.Starts);
    }

    [Fact]
    public async Task AFollowerShowsTheLeadersDecisionsAndPassesAnOperatorCommandOn()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var settings = new Dictionary<string, string?> { ["Gpu:IdleTimeout"] = "01:00:00" };
        var leader = await testbed.StartControllerAsync(settings);
        await leader.WaitForStatusAsync(s => s.Leader);
        var follower = await testbed.StartControllerAsync(settings);
        await follower.WaitForPollsAsync(2);

        using var response = await follower.Client.PostAsync("/api/gpu/start", null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await testbed.WaitForTransitionsAsync(Ec2InstanceStateName.Running);
        var status = await follower.WaitForStatusAsync(s => s.LastAction?.Action == GpuAction.Start);
        Assert.False(status.Leader);
        Assert.Equal(leader.Controller.ReplicaId, status.LastAction!.By);
        Assert.StartsWith($"operator start requested by {follower.Controller.ReplicaId}", status.LastAction.Reason);
    }
}
