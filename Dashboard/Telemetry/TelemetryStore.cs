namespace Backend.Dashboard.Telemetry;

/// <summary>
/// The telemetry the dashboard has received, held in memory and bounded: the oldest spans and logs
/// are dropped first, and metrics keep only the latest value of each series. Thread-safe.
/// </summary>
/// <param name="capacity">How many spans, and how many logs, to keep.</param>
public sealed class TelemetryStore(int capacity = 20_000)
{
    private readonly Lock _lock = new();
    private readonly Queue<ExportedSpan> _spans = new();
    private readonly Queue<ExportedLog> _logs = new();
    private readonly Dictionary<string, ExportedMetricPoint> _metrics = [];

    /// <summary>Raised after new telemetry was stored.</summary>
    public event Action? Changed;

    /// <summary>Every span kept, oldest first.</summary>
    public IReadOnlyList<ExportedSpan> Spans
    {
        get { lock (_lock) { return [.. _spans]; } }
    }

    /// <summary>Every log kept, oldest first.</summary>
    public IReadOnlyList<ExportedLog> Logs
    {
        get { lock (_lock) { return [.. _logs]; } }
    }

    /// <summary>The latest point of every metric series.</summary>
    public IReadOnlyList<ExportedMetricPoint> Metrics
    {
        get { lock (_lock) { return [.. _metrics.Values]; } }
    }

    /// <summary>The spans of one trace, in start order.</summary>
    public IReadOnlyList<ExportedSpan> Trace(string traceId) =>
        [.. Spans.Where(span => span.TraceId == traceId).OrderBy(span => span.Start)];

    internal void Add(IEnumerable<ExportedSpan> spans) => AddBounded(_spans, spans);

    internal void Add(IEnumerable<ExportedLog> logs) => AddBounded(_logs, logs);

    internal void Add(IEnumerable<ExportedMetricPoint> points)
    {
        lock (_lock)
        {
            foreach (var point in points)
            {
                var series = string.Join('\u001f', [point.Service, point.Name, .. point.Attributes.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")]);
                _metrics[series] = point;
            }
        }
        Changed?.Invoke();
    }

    private void AddBounded<T>(Queue<T> queue, IEnumerable<T> items)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                queue.Enqueue(item);
                if (queue.Count > capacity)
                {
                    queue.Dequeue();
                }
            }
        }
        Changed?.Invoke();
    }
}
