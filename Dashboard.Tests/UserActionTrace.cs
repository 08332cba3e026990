using System.Diagnostics;
using Backend.Dashboard;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests;

/// <summary>
/// One user action as the real services record it: Canvas.Api's request calls the orchestrator, which
/// queues GPU work that the worker fails. Exported by three real SDKs into the dashboard.
/// </summary>
internal static partial class UserActionTrace
{
    public const string RootName = "POST /api/sessions/{id}/tasks";
    public const string FailureMessage = "Inference server unavailable";
    public const string HostileAttribute = "<img src=x onerror=alert(1)>";

    public static RecordedTrace Record(DashboardServer dashboard)
    {
        using var api = SdkTelemetry.Start(dashboard, "Canvas.Api");
        using var orchestrator = SdkTelemetry.Start(dashboard, "Orchestrator");
        using var worker = SdkTelemetry.Start(dashboard, "GpuWorker");
        ActivityContext send;
        string traceId;
        using (var request = api.Source.StartActivity(RootName, ActivityKind.Server)!)
        {
            traceId = request.TraceId.ToHexString();
            request.SetTag("http.request.method", "POST").SetTag("http.response.status_code", 202);
            using var call = api.Source.StartActivity("POST", ActivityKind.Client)!.SetTag("server.address", "127.0.0.1");
            using var tasks = orchestrator.Source.StartActivity("POST /tasks", ActivityKind.Server)!;
            using var produce = orchestrator.Source.StartActivity("gpu_tasks_queue send", ActivityKind.Producer)!
                .SetTag("messaging.destination.name", "gpu_tasks_queue");
            send = produce.Context;
        }
        // The worker receives the message later, in another process: its parent is the message's context.
        using (var process = worker.Source.StartActivity("gpu_tasks_queue process", ActivityKind.Consumer, send)!)
        {
            process.SetTag("task.attempt", 2).SetTag("task.gpu", true).SetTag("task.note", HostileAttribute);
            process.SetStatus(ActivityStatusCode.Error, FailureMessage);
            TaskFailed(worker.Logger, "t-1", FailureMessage);
        }
        api.Meter.CreateCounter<long>("canvas.uploads").Add(3, new KeyValuePair<string, object?>("content_type", "image/png"));
        var sizes = api.Meter.CreateHistogram<double>("canvas.upload.size", "By");
        sizes.Record(100);
        sizes.Record(300);

        Assert.True(api.Flush() & orchestrator.Flush() & worker.Flush(), "An exporter could not export to the dashboard.");
        return new RecordedTrace(traceId, send.SpanId.ToHexString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId} failed: {Reason}")]
    private static partial void TaskFailed(ILogger logger, string taskId, string reason);
}

internal sealed record RecordedTrace(string TraceId, string ProducerSpanId);
