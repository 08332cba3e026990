using Backend.Dashboard;

namespace Dashboard.Tests;

/// <summary>Real OpenTelemetry SDK exporters, configured the way the AppHost configures services, exporting into a running dashboard.</summary>
public sealed class OtlpRoundTripTests
{
    [Fact]
    public async Task SpansArriveWithLowercaseKindsParentsStatusAttributesAndServiceNames()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: TestContext.Current.CancellationToken);

        var recorded = UserActionTrace.Record(dashboard);

        var spans = dashboard.Telemetry.Trace(recorded.TraceId).ToDictionary(span => span.Name);
        Assert.Equal(5, spans.Count);
        var root = spans[UserActionTrace.RootName];
        var (call, tasks, send, process) = (spans["POST"], spans["POST /tasks"], spans["gpu_tasks_queue send"], spans["gpu_tasks_queue process"]);
        Assert.Equal(
            [("server", "Canvas.Api"), ("client", "Canvas.Api"), ("server", "Orchestrator"), ("producer", "Orchestrator"), ("consumer", "GpuWorker")],
            [.. new[] { root, call, tasks, send, process }.Select(span => (span.Kind, span.Service))]);
        Assert.Null(root.ParentSpanId);
        Assert.Equal(root.SpanId, call.ParentSpanId);
        Assert.Equal(call.SpanId, tasks.ParentSpanId);
        Assert.Equal(tasks.SpanId, send.ParentSpanId);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.Equal(recorded.ProducerSpanId, send.SpanId);
        Assert.True(process.IsError);
        Assert.Equal(UserActionTrace.FailureMessage, process.StatusMessage);
        Assert.False(root.IsError);
        Assert.Equal("202", root.Attributes["http.response.status_code"]);
        Assert.Equal("POST", root.Attributes["http.request.method"]);
        Assert.Equal("2", process.Attributes["task.attempt"]);
        Assert.Equal("true", process.Attributes["task.gpu"]);
    }

    [Fact]
    public async Task LogsArriveWithTheirLevelFormattedMessageAttributesAndTraceContext()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: TestContext.Current.CancellationToken);

        var recorded = UserActionTrace.Record(dashboard);

        var log = Assert.Single(dashboard.Telemetry.Logs);
        Assert.Equal("GpuWorker", log.Service);
        Assert.Equal($"Task t-1 failed: {UserActionTrace.FailureMessage}", log.Message);
        Assert.StartsWith("Error", log.Severity, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("t-1", log.Attributes["TaskId"]);
        Assert.Equal(recorded.TraceId, log.TraceId);
        Assert.Equal(dashboard.Telemetry.Trace(recorded.TraceId).Single(span => span.Kind == "consumer").SpanId, log.SpanId);
    }

    [Fact]
    public async Task MetricsArriveAsTheLatestValueOfEachSeries()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: TestContext.Current.CancellationToken);

        UserActionTrace.Record(dashboard);

        var metrics = dashboard.Telemetry.Metrics.Where(point => point.Service == "Canvas.Api").ToDictionary(point => point.Name);
        Assert.Equal(3, metrics["canvas.uploads"].Value);
        Assert.Equal("image/png", metrics["canvas.uploads"].Attributes["content_type"]);
        Assert.Equal(2UL, metrics["canvas.upload.size"].Count);
        Assert.Equal(400, metrics["canvas.upload.size"].Value);
        Assert.Equal("By", metrics["canvas.upload.size"].Unit);
    }

    [Fact]
    public async Task AnExporterWithTheWrongApiKeyStoresNothing()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: TestContext.Current.CancellationToken);

        using (var service = SdkTelemetry.Start(dashboard, "Canvas.Api", headers: $"{DashboardServer.OtlpApiKeyHeaderName}=not-the-key"))
        {
            service.Source.StartActivity("GET /")?.Dispose();
            service.Meter.CreateCounter<long>("requests").Add(1);
            // Whether a flush reports the 401 is the exporter's business; what the dashboard stored is ours.
            _ = service.Flush();
        }

        Assert.Empty(dashboard.Telemetry.Spans);
        Assert.Empty(dashboard.Telemetry.Metrics);
    }
}
