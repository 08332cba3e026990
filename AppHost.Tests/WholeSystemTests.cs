using Backend.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>What a user does, through the whole running application: Canvas.Api, the orchestrator, the queues, the workers.</summary>
[Collection(nameof(ApplicationUnderTest))]
public sealed class WholeSystemTests(ApplicationUnderTest application)
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AUserUploadsAPngAsksForAThumbnailAndGetsARealThumbnailBackFollowableAsOneTrace()
    {
        var user = CanvasUser.SignIn(application, "user-thumbnail");
        var session = await user.CreateSessionAsync("Episode 1");
        var image = await user.UploadPngAsync(session, width: 640, height: 480);

        var taskId = await user.SubmitAsync(session, image, "thumbnail", new { maxSize = 128, format = "png" });
        var task = await user.WaitForTaskAsync(session, taskId!, "succeeded", TaskTimeout);

        using var thumbnail = await CanvasUser.DownloadResultAsync(task);
        Assert.Equal((128, 96), (thumbnail.Width, thumbnail.Height));
        Assert.Equal(3, thumbnail.Bands);

        // The user's one action, followed in the dashboard: Canvas.Api → orchestrator → SQS → CPU worker.
        var trace = await WaitForTraceAsync(
            span => span.Service == "canvas-api" && span.Kind == "server" && span.Name.StartsWith("POST", StringComparison.Ordinal) && span.Name.EndsWith("/tasks", StringComparison.Ordinal),
            spans => spans.Any(s => s.Name == "cpu_tasks_queue process"));
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Kind == "server" && s.Name.StartsWith("POST /api/tasks", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Kind == "producer" && s.Name == "SQS.SendMessage");
        Assert.Contains(trace, s => s.Service == "orchestrator" && s.Kind == "consumer" && s.Name == "cpu_tasks_queue process");
    }

    [Fact]
    public async Task AnUpscaleStartsTheGpuInstanceWhoseWorkerDoesTheWorkThenBothStopWhenIdle()
    {
        var notifications = application.App.ResourceNotifications;
        var cancellationToken = TestContext.Current.CancellationToken;
        var user = CanvasUser.SignIn(application, "user-upscale");
        var session = await user.CreateSessionAsync("Episode 2");
        var image = await user.UploadPngAsync(session, width: 64, height: 48);

        var taskId = await user.SubmitAsync(session, image, "upscale", new { scale = 2 });

        await notifications.WaitForResourceAsync("gpu-instance", "Running", cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await notifications.WaitForResourceAsync("gpuworker", KnownResourceStates.Running, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var task = await user.WaitForTaskAsync(session, taskId!, "succeeded", TaskTimeout);
        using var upscaled = await CanvasUser.DownloadResultAsync(task);
        Assert.Equal((128, 96), (upscaled.Width, upscaled.Height));

        // No GPU work left: after the idle period the instance stops, and its worker with it.
        await notifications.WaitForResourceAsync("gpu-instance", "Stopped", cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await notifications.WaitForResourceAsync("gpuworker", e => e.Snapshot.State?.Text == KnownResourceStates.Exited || e.Snapshot.State?.Text == KnownResourceStates.Finished, cancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    // Spans reach the dashboard in batches, a few seconds after they end.
    private async Task<IReadOnlyList<DashboardSpan>> WaitForTraceAsync(Func<DashboardSpan, bool> root, Func<IReadOnlyList<DashboardSpan>, bool> complete)
    {
        IReadOnlyList<DashboardSpan> trace = [];
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var spans = await application.Telemetry.GetSpansAsync(TestContext.Current.CancellationToken);
            if (spans.LastOrDefault(root) is { } found)
            {
                trace = [.. spans.Where(s => s.TraceId == found.TraceId)];
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
