using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary><c>/api/gpu</c> as an operator uses it.</summary>
public sealed class GpuApiTests(LocalDependenciesFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetShowsTheInstanceTheQueueTheLeaseAndTheLastDecision()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.Leader && s.Decision is not null);

        using var response = await controller.Client.GetAsync("/api/gpu", Cancellation);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = body.RootElement;
        Assert.Equal(GpuTestbed.InstanceId, status.GetProperty("instanceId").GetString());
        Assert.Equal("stopped", status.GetProperty("state").GetString());
        Assert.Equal(0, status.GetProperty("queue").GetProperty("total").GetInt32());
        Assert.True(status.GetProperty("leader").GetBoolean());
        Assert.Equal(controller.Controller.ReplicaId, status.GetProperty("leaderId").GetString());
        Assert.Equal("none", status.GetProperty("decision").GetProperty("action").GetString());
        Assert.Equal("stopped with no GPU work", status.GetProperty("decision").GetProperty("reason").GetString());
        Assert.Equal("00:00:01", status.GetProperty("idleTimeout").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastError").ValueKind);
    }

    [Theory]
    [InlineData("GET", "/api/gpu")]
    [InlineData("POST", "/api/gpu/start")]
    [InlineData("POST", "/api/gpu/stop")]
    public async Task RequestsWithoutTheApiKeyAreUnauthorized(string method, string path)
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync();
        using var anonymous = new HttpClient { BaseAddress = controller.Client.BaseAddress };

        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, testbed.Backend.Starts);
    }

    [Fact]
    public async Task AnOperatorStartRunsTheInstanceWithoutWorkUntilTheIdleTimeoutStopsIt()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync();

        using var response = await controller.Client.PostAsync("/api/gpu/start", null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/gpu", response.Headers.Location?.OriginalString);
        var accepted = await response.Content.ReadFromJsonAsync<GpuStatus>(Cancellation);
        Assert.Equal(GpuCommand.Start, accepted!.PendingRequest?.Command);
        await testbed.WaitForTransitionsAsync(Ec2InstanceStateName.Running, Ec2InstanceStateName.Stopped);
        var status = await controller.GetStatusAsync();
        Assert.Null(status.PendingRequest);
        Assert.Equal(GpuAction.Stop, status.LastAction?.Action);
        Assert.Equal(1, controller.Metrics["gpu.instance.starts"]);
    }

    [Fact]
    public async Task AnOperatorStopHoldsQueuedWorkUntilAnOperatorStart()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        await testbed.SendAsync();
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.Leader);

        using var stop = await controller.Client.PostAsync("/api/gpu/stop", null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        await testbed.WaitForStateAsync(Ec2InstanceStateName.Stopped);
        var held = await controller.WaitForPollsAsync(5);
        Assert.Equal(Ec2InstanceStateName.Stopped, testbed.State);
        Assert.True(held.HoldUntil > DateTimeOffset.UtcNow.AddMinutes(29), "the default hold is Gpu:ManualStopHold (30 min)");

        using var start = await controller.Client.PostAsync("/api/gpu/start", null, Cancellation);

        await testbed.WaitForStateAsync(Ec2InstanceStateName.Running);
        Assert.Null((await controller.WaitForPollsAsync(1)).HoldUntil);
    }

    [Fact]
    public async Task AnOperatorStopWithoutAHoldRestartsTheInstanceForQueuedWork()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture, Ec2InstanceStateName.Running);
        await testbed.SendAsync();
        var controller = await testbed.StartControllerAsync();
        await controller.WaitForStatusAsync(s => s.Leader);

        using var response = await controller.Client.PostAsync("/api/gpu/stop?holdSeconds=0", null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await testbed.WaitForTransitionsAsync(Ec2InstanceStateName.Stopped, Ec2InstanceStateName.Running);
        Assert.Equal((1, 1), (testbed.Backend.Stops, testbed.Backend.Starts));
        var status = await controller.WaitForStatusAsync(s => s.LastAction?.Action == GpuAction.Start);
        Assert.Equal("1 GPU message waiting and the instance is stopped", status.LastAction!.Reason);
    }

    [Fact]
    public async Task AStopWithAHoldOutOfRangeIsAValidationProblem()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync();

        using var response = await controller.Client.PostAsync("/api/gpu/stop?holdSeconds=-1", null, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ADisabledControllerReportsItselfAndRefusesCommands()
    {
        await using var testbed = await GpuTestbed.StartAsync(fixture);
        var controller = await testbed.StartControllerAsync(new Dictionary<string, string?> { ["Gpu:Enabled"] = "false" });

        var status = await controller.GetStatusAsync();
        using var response = await controller.Client.PostAsync("/api/gpu/start", null, Cancellation);

        Assert.False(status.Enabled);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, testbed.Backend.Starts);
    }
}
