using System.Net.Http.Json;
using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Gpu;
using Backend.Orchestrator.Tasks;
using Backend.Orchestrator.Tests.Infrastructure;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// The scale-to-zero cycle end to end: tasks submitted to the orchestrator's API, the controller
/// starting the EC2 stand-in's instance, the real GpuWorker on it draining the queue, the idle stop.
/// </summary>
public sealed class GpuScaleToZeroWithTheGpuWorkerTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task UpscalesStartTheInstanceRunOnTheGpuWorkerAndTheIdleInstanceStops()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var resources = await TestResources.CreateAsync(fixture);
        await using var backend = new GpuWorkerInstanceBackend(resources);
        await using var ec2 = await Ec2Emulator.StartAsync(
            new Ec2EmulatorOptions
            {
                Instances = { new Ec2InstanceDefinition(GpuTestbed.InstanceId) },
                StartDelay = TimeSpan.FromMilliseconds(200),
                StopDelay = TimeSpan.FromMilliseconds(200),
            },
            backend,
            cancellationToken: cancellationToken);
        var stopped = ec2.WaitForStateAsync(GpuTestbed.InstanceId, Ec2InstanceStateName.Stopping, cancellationToken);
        await using var app = new OrchestratorFactory(resources, new Dictionary<string, string?>
        {
            ["Workers:Cpu:Enabled"] = "false",
            ["Gpu:Enabled"] = "true",
            ["AWS_ENDPOINT_URL_EC2"] = ec2.Endpoint.ToString(),
            ["AWS:Resources:gpu-instance:InstanceId"] = GpuTestbed.InstanceId,
            ["Gpu:PollInterval"] = "00:00:00.100",
            ["Gpu:IdleTimeout"] = "00:00:01",
            ["Gpu:LeaseDuration"] = "00:00:03",
        });
        using var client = app.CreateAuthorizedClient();
        var input = await TestImages.UploadAsync(fixture.S3, resources.BucketName, TestImages.Png(120, 80));

        var submitted = new List<TaskResponse>();
        for (var i = 0; i < 3; i++)
        {
            submitted.Add(await client.SubmitAcceptedAsync(new { type = "upscale", input = new { key = input } }));
        }

        foreach (var task in submitted)
        {
            Assert.Equal(240, (await client.WaitForStatusAsync(task.Id, "succeeded", TimeSpan.FromSeconds(60))).Result?.Width);
        }
        await stopped.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await ec2.WaitForStateAsync(GpuTestbed.InstanceId, Ec2InstanceStateName.Stopped, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        Assert.Equal(1, backend.Starts);
        var status = await client.GetFromJsonAsync<GpuStatus>("/api/gpu", cancellationToken);
        Assert.Equal(GpuAction.Stop, status!.LastAction?.Action);
        Assert.Equal(0, status.Queue?.Total);
    }
}
