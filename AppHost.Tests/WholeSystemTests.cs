using Backend.Dashboard.Telemetry;
using Backend.Hosting.LocalRun;

namespace AppHost.Tests;

/// <summary>What a user does, through the whole running application: Canvas.Api, the orchestrator, the queues, the workers.</summary>
public sealed class WholeSystemTests(RunningApplication application) : IClassFixture<RunningApplication>
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AUserUploadsAPngAsksForAThumbnailAndGetsARealThumbnailBackFollowableAsOneTrace()
    {
        var user = await CanvasUser.SignInAsync(application.Host, "user-thumbnail");
        var session = await user.CreateSessionAsync("Episode 1");
        var image = await user.UploadPngAsync(session, width: 640, height: 480);

        var taskId = await user.SubmitAsync(session, image, "thumbnail", new { maxSize = 128, format = "png" });
        var task = await user.WaitForTaskAsync(session, taskId!, "succeeded", TaskTimeout);

        using var thumbnail = await CanvasUser.DownloadResultAsync(task);
        Assert.Equal((128, 96), (thumbnail.Width, thumbnail.Height));
        Assert.Equal(3, thumbnail.Bands);

        // The user's one action, followed in the dashboard: Canvas.Api → orchestrator → SQS → CPU worker.
        var trace = await WaitForTraceAsync(span => span.Service == "canvas-api" && span.Kind == "server" && span.Name.StartsWith("POST", StringComparison.Ordinal) && span.Name.EndsWith("/tasks", StringComparison.Ordinal),
            spans => spans.Any(s => s.Name == "cpu_tasks_queue process"));
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Kind == "server" && s.Name.StartsWith("POST /api/tasks", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Kind == "producer" && s.Name == "SQS.SendMessage");
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Kind == "consumer" && s.Name == "cpu_tasks_queue process");
    }

    [Fact]
    public async Task AnUpscaleStartsTheGpuInstanceWhoseWorkerDoesTheWorkThenTheInstanceStopsWhenIdle()
    {
        var app = application.Host;
        Assert.Empty(app.Runner.GetResource("gpuworker").ProcessIds);
        var user = await CanvasUser.SignInAsync(app, "user-upscale");
        var session = await user.CreateSessionAsync("Episode 2");
        var image = await user.UploadPngAsync(session, width: 64, height: 48);

        var taskId = await user.SubmitAsync(session, image, "upscale", new { scale = 2 });

        await app.WaitForStateAsync("gpu-instance", ResourceState.Running, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var worker = Assert.Single(app.Runner.GetResource("gpuworker").ProcessIds);
        var task = await user.WaitForTaskAsync(session, taskId!, "succeeded", TaskTimeout);
        using var upscaled = await CanvasUser.DownloadResultAsync(task);
        Assert.Equal((128, 96), (upscaled.Width, upscaled.Height));

        // No GPU work left: after the idle period the instance stops, and its worker process with it.
        await app.WaitForStateAsync("gpu-instance", ResourceState.Stopped, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await app.WaitForStateAsync("gpuworker", ResourceState.Stopped, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists($"/proc/{worker}/task") && !File.ReadAllText($"/proc/{worker}/stat").Contains(") Z ", StringComparison.Ordinal));
    }

    // Spans reach the dashboard in batches, a few seconds after they end.
    private async Task<IReadOnlyList<ExportedSpan>> WaitForTraceAsync(Func<ExportedSpan, bool> root, Func<IReadOnlyList<ExportedSpan>, bool> complete)
    {
        var telemetry = application.Host.Runner.Telemetry;
        IReadOnlyList<ExportedSpan> trace = [];
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (telemetry.Spans.LastOrDefault(root) is { } found)
            {
                trace = telemetry.Trace(found.TraceId);
                if (complete(trace))
                {
                    return trace;
                }
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"The trace never completed: {string.Join(", ", trace.Select(s => $"{s.Service}:{s.Name}"))}");
        return trace;
    }
}
