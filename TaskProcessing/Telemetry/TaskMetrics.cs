using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Backend.TaskProcessing.Telemetry;

/// <summary>The task instruments on the backend's meter; counts only what a conditional write confirmed.</summary>
public sealed class TaskMetrics
{
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _resent;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _inFlight;

    public TaskMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(BackendTelemetry.MeterName);
        _submitted = meter.CreateCounter<long>("tasks.submitted", "{task}", "Tasks accepted by the orchestrator.");
        _finished = meter.CreateCounter<long>("tasks.finished", "{task}", "Tasks that reached succeeded, failed or cancelled.");
        _retried = meter.CreateCounter<long>("tasks.retried", "{attempt}", "Attempts that failed transiently and were given back to the queue.");
        _resent = meter.CreateCounter<long>("tasks.outbox.resent", "{message}", "Queue messages sent by the outbox sweeper.");
        _deadLettered = meter.CreateCounter<long>("tasks.dead_lettered", "{message}", "Messages taken off a dead-letter queue.");
        _duration = meter.CreateHistogram<double>("tasks.processing.duration", "s", "Time a worker spent on one attempt.");
        _inFlight = meter.CreateUpDownCounter<long>("tasks.in_flight", "{message}", "Messages a worker holds right now.");
    }

    public void Submitted(string type) => _submitted.Add(1, Tag("task.type", type));

    public void Finished(string type, string status) => _finished.Add(1, Tag("task.type", type), Tag("task.status", status));

    public void Retried(string type) => _retried.Add(1, Tag("task.type", type));

    public void Resent(string queue) => _resent.Add(1, Tag("messaging.destination.name", queue));

    public void DeadLettered(string queue) => _deadLettered.Add(1, Tag("messaging.destination.name", queue));

    public void Processed(string type, string outcome, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, Tag("task.type", type), Tag("outcome", outcome));

    public void InFlight(string queue, int delta) => _inFlight.Add(delta, Tag("messaging.destination.name", queue));

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
