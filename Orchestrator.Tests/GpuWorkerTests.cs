extern alias GpuWorkerApp;

using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;
using GpuWorkerApp::Backend.GpuWorker.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests;

/// <summary>GPU tasks submitted to the orchestrator and run by the GpuWorker service on gpu_tasks_queue.</summary>
public sealed class GpuWorkerTests(LocalDependenciesFixture fixture) : IAsyncLifetime
{
    private OrchestratorFactory _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new OrchestratorFactory(await TestResources.CreateAsync(fixture));
        _client = _app.CreateAuthorizedClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnUpscaleTaskRunsOnTheGpuWorkerAndDoublesTheImage()
    {
        using var worker = await GpuWorkerHost.StartAsync(_app.Resources);
        var input = await TestImages.UploadAsync(fixture.S3, _app.Resources.BucketName, TestImages.Png(300, 200));

        var submitted = await _client.SubmitAcceptedAsync(new { type = "upscale", input = new { key = input } });
        var task = await _client.WaitForStatusAsync(submitted.Id, "succeeded");

        Assert.Equal($"results/{task.Id}.png", task.Result?.Key);
        var output = await TestImages.DownloadAsync(fixture.S3, _app.Resources.BucketName, task.Result!.Key);
        Assert.Equal(("pngload_buffer", 600, 400), TestImages.Decode(output));
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task GenerateWithoutAnInferenceServerFailsWithAClearErrorInsteadOfAFakeImage()
    {
        using var worker = await GpuWorkerHost.StartAsync(_app.Resources);

        var submitted = await _client.SubmitAcceptedAsync(new { type = "generate", parameters = new { prompt = "a red door" } });
        var task = await _client.WaitForStatusAsync(submitted.Id, "failed");

        Assert.Equal(GenerateHandler.NotConfigured, task.Error);
        Assert.Null(task.Result);
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task GenerateCallsTheConfiguredInferenceServerAndStoresItsImage()
    {
        await using var inference = await FakeInferenceServer.StartAsync();
        using var worker = await GpuWorkerHost.StartAsync(_app.Resources, new Dictionary<string, string?> { ["Inference:Url"] = inference.Url });

        var submitted = await _client.SubmitAcceptedAsync(new { type = "generate", parameters = new { prompt = "a red door", width = 128, height = 96 } });
        var task = await _client.WaitForStatusAsync(submitted.Id, "succeeded");

        Assert.Equal(["a red door"], inference.Prompts);
        var output = await TestImages.DownloadAsync(fixture.S3, _app.Resources.BucketName, task.Result!.Key);
        Assert.Equal(("pngload_buffer", 128, 96), TestImages.Decode(output));
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("redirect", "redirect")]
    [InlineData("huge", "limit")]
    public async Task AnInferenceServerThatRedirectsOrAnswersTooMuchFailsTheTaskWithoutFollowingOrReadingIt(string kind, string reason)
    {
        await using var inference = await FakeInferenceServer.StartAsync();
        var url = kind == "redirect" ? inference.RedirectingUrl : inference.HugeUrl;
        using var worker = await GpuWorkerHost.StartAsync(_app.Resources, new Dictionary<string, string?> { ["Inference:Url"] = url, ["Inference:MaxResponseBytes"] = "100000" });

        var submitted = await _client.SubmitAcceptedAsync(new { type = "generate", parameters = new { prompt = "a red door", width = 64, height = 64 } });
        var task = await _client.WaitForStatusAsync(submitted.Id, "failed");

        Assert.Contains(reason, task.Error, StringComparison.Ordinal);
        Assert.Empty(inference.Prompts); // the redirect was not followed to /generate
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StoppingTheGpuWorkerMidTaskGivesTheTaskAndItsMessageBackForAnotherWorker()
    {
        var blocking = new ScriptedHandler(TaskTypes.Upscale, async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var worker = await GpuWorkerHost.StartAsync(_app.Resources, new Dictionary<string, string?> { ["Worker:DrainTimeout"] = "00:00:00.500" },
            services => services.AddSingleton<ITaskHandler>(blocking));
        var submitted = await _client.SubmitAcceptedAsync(new { type = "upscale", input = new { key = "in/slow.png" } });
        await _client.WaitForStatusAsync(submitted.Id, "running");

        // What SIGTERM does: the host stops, the consumer drains and releases what is still running.
        await worker.StopAsync(TestContext.Current.CancellationToken);
        worker.Dispose();

        var task = await _client.GetTaskAsync(submitted.Id);
        Assert.Equal("queued", task.Status);
        Assert.Equal(1, task.Attempts);
        // Released with visibility 0; a long poll the stop cancelled may still catch it on the server side and
        // hold it for its visibility timeout (2 s here), as SQS itself may, so allow for that.
        Assert.Single(await QueueProbe.ReceiveAsync(fixture.Sqs, _app.Resources.GpuQueue.Url, waitSeconds: 5));
    }
}
