using System.Net;
using System.Net.Http.Json;
using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;
using Backend.Orchestrator.Tests.Infrastructure;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>The controller as the orchestrator's Program composes it: its settings, its API-key scheme, its task API.</summary>
public sealed class GpuThroughTheOrchestratorTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task AnUpscaleSubmittedThroughTheTaskApiStartsTheInstanceAndApiGpuShowsWhy()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var ec2 = await Ec2Emulator.StartAsync(
            new Ec2EmulatorOptions
            {
                Instances = { new Ec2InstanceDefinition(GpuTestbed.InstanceId) },
                StartDelay = TimeSpan.FromMilliseconds(200),
                StopDelay = TimeSpan.FromMilliseconds(200),
            },
            new GpuTestBackend(),
            cancellationToken: cancellationToken);
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), new Dictionary<string, string?>
        {
            ["Workers:Cpu:Enabled"] = "false",
            ["Gpu:Enabled"] = "true",
            ["AWS_ENDPOINT_URL_EC2"] = ec2.Endpoint.ToString(),
            ["AWS:Resources:gpu-instance:InstanceId"] = GpuTestbed.InstanceId,
            ["Gpu:PollInterval"] = "00:00:00.100",
            ["Gpu:LeaseDuration"] = "00:00:03",
        });
        using var client = app.CreateAuthorizedClient();
        using var anonymous = app.CreateClient();

        await client.SubmitAcceptedAsync(new { type = "upscale", input = new { key = "in/a.png" } });

        await ec2.WaitForStateAsync(GpuTestbed.InstanceId, Ec2InstanceStateName.Running, cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        var status = await client.GetFromJsonAsync<GpuStatus>("/api/gpu", cancellationToken);
        Assert.Equal(GpuAction.Start, status!.LastAction?.Action);
        Assert.Equal("1 GPU message waiting and the instance is stopped", status.LastAction!.Reason);
        using var unauthorized = await anonymous.GetAsync("/api/gpu", cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }
}
