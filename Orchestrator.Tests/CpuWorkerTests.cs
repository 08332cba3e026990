using System.Text;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests;

/// <summary>The CPU worker doing real image work on S3 bytes, and telling permanent errors from transient ones.</summary>
public sealed class CpuWorkerTests(LocalDependenciesFixture fixture) : IAsyncLifetime
{
    private OrchestratorFactory _app = null!;
    private HttpClient _client = null!;

    private string Bucket => _app.Resources.BucketName;

    public async ValueTask InitializeAsync()
    {
        _app = new OrchestratorFactory(await TestResources.CreateAsync(fixture));
        _client = _app.CreateAuthorizedClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AThumbnailTaskWritesAWebpNoLargerThanMaxSizeAndSucceeds()
    {
        var input = await TestImages.UploadAsync(fixture.S3, Bucket, TestImages.Png(800, 600));

        var submitted = await _client.SubmitAcceptedAsync(TaskClient.Thumbnail(input, maxSize: 256));
        var task = await _client.WaitForStatusAsync(submitted.Id, "succeeded");

        Assert.Equal($"results/{task.Id}.webp", task.Result?.Key);
        Assert.Equal("image/webp", task.Result?.ContentType);
        Assert.Equal((256, 192), (task.Result!.Width, task.Result.Height));
        Assert.Equal(1, task.Attempts);
        Assert.NotNull(task.StartedAt);
        Assert.NotNull(task.CompletedAt);
        var output = await TestImages.DownloadAsync(fixture.S3, Bucket, task.Result.Key);
        Assert.Equal(("webpload_buffer", 256, 192), TestImages.Decode(output));
        Assert.Equal(output.Length, task.Result.Size);
    }

    [Fact]
    public async Task AConvertTaskWritesTheImageInTheRequestedFormatAtTheSameSize()
    {
        var input = await TestImages.UploadAsync(fixture.S3, Bucket, TestImages.Jpeg(640, 480));

        var submitted = await _client.SubmitAcceptedAsync(new
        {
            type = "convert", input = new { key = input }, outputPrefix = "sessions/s1/results/", parameters = new { format = "png" },
        });
        var task = await _client.WaitForStatusAsync(submitted.Id, "succeeded");

        Assert.Equal($"sessions/s1/results/{task.Id}.png", task.Result?.Key);
        var output = await TestImages.DownloadAsync(fixture.S3, Bucket, task.Result!.Key);
        Assert.Equal(("pngload_buffer", 640, 480), TestImages.Decode(output));
    }

    [Fact]
    public async Task AMissingInputObjectFailsTheTaskAtOnceWithoutRetrying()
    {
        var submitted = await _client.SubmitAcceptedAsync(TaskClient.Thumbnail("inputs/never-uploaded.png"));

        var task = await _client.WaitForStatusAsync(submitted.Id, "failed");

        Assert.Contains("does not exist", task.Error, StringComparison.Ordinal);
        Assert.Equal(1, task.Attempts);
        await QueueProbe.WaitUntilEmptyAsync(fixture.Sqs, _app.Resources.CpuQueue.Url);
    }

    [Fact]
    public async Task AnInputThatIsNotAnImageFailsTheTaskAtOnce()
    {
        var input = await TestImages.UploadAsync(fixture.S3, Bucket, Encoding.UTF8.GetBytes("just some text, not pixels"));

        var submitted = await _client.SubmitAcceptedAsync(TaskClient.Thumbnail(input));
        var task = await _client.WaitForStatusAsync(submitted.Id, "failed");

        Assert.Contains("not an image", task.Error, StringComparison.Ordinal);
        Assert.Equal(1, task.Attempts);
    }

    [Fact]
    public async Task ATransientErrorIsRetriedWithBackoffAndTheTaskThenSucceeds()
    {
        var handler = new ScriptedHandler(TaskTypes.Thumbnail, (task, call, _) => call == 1
            ? throw new TimeoutException("the network hiccuped")
            : Task.FromResult(ScriptedHandler.FakeResult(task)));
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), configure: services => services.AddSingleton<ITaskHandler>(handler));
        var client = app.CreateAuthorizedClient();

        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/flaky.png"));
        var task = await client.WaitForStatusAsync(submitted.Id, "succeeded");

        Assert.Equal(2, task.Attempts);
        Assert.Equal(2, handler.Calls);
        Assert.Null(task.Error);
    }
}
