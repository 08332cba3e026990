using Backend.Dashboard.Telemetry;

namespace Backend.Dashboard.Api;

/// <summary>Builds the traces list and a trace's waterfall from the stored spans.</summary>
internal static class TraceViews
{
    public static IReadOnlyList<TraceSummary> Summaries(IEnumerable<ExportedSpan> spans, string? service, int limit) =>
    [
        .. spans.GroupBy(span => span.TraceId)
            .Select(trace => Summarize(trace.Key, [.. trace.OrderBy(span => span.Start)]))
            .Where(trace => service is null || trace.Services.Contains(service))
            .OrderByDescending(trace => trace.Start)
            .Take(limit),
    ];

    public static TraceDetail? Detail(string traceId, IReadOnlyList<ExportedSpan> spans, IEnumerable<ExportedLog> logs)
    {
        if (spans.Count == 0)
        {
            return null;
        }
        var start = spans.Min(span => span.Start);
        var ids = spans.Select(span => span.SpanId).ToHashSet();
        var children = spans.Where(span => span.ParentSpanId is not null && ids.Contains(span.ParentSpanId))
            .ToLookup(span => span.ParentSpanId!);
        var ordered = new List<SpanView>(spans.Count);
        var visited = new HashSet<string>();

        void Visit(ExportedSpan span, int depth)
        {
            // A malformed export could make a span its own ancestor; show each span once regardless.
            if (!visited.Add(span.SpanId))
            {
                return;
            }
            ordered.Add(new SpanView(
                span.SpanId, span.ParentSpanId, span.Name, span.Kind, span.Service, depth,
                Milliseconds(span.Start - start), Milliseconds(span.Duration), span.IsError, span.StatusMessage, span.Attributes));
            foreach (var child in children[span.SpanId].OrderBy(child => child.Start))
            {
                Visit(child, depth + 1);
            }
        }

        // Roots first; then anything a parent cycle kept out of reach, so no span is ever dropped.
        foreach (var span in spans.OrderBy(span => !IsRoot(span, ids)).ThenBy(span => span.Start))
        {
            Visit(span, 0);
        }
        return new TraceDetail(
            traceId, start, Milliseconds(spans.Max(span => span.End) - start), Services(spans), ordered,
            [.. logs.Where(log => log.TraceId == traceId).OrderBy(log => log.Time)]);
    }

    private static TraceSummary Summarize(string traceId, List<ExportedSpan> spans)
    {
        var ids = spans.Select(span => span.SpanId).ToHashSet();
        // The true root (no parent) may not have arrived yet: a server span ends, and is exported, after
        // its children. Until it does, the earliest span whose parent is missing stands in for it.
        var root = spans.FirstOrDefault(span => span.ParentSpanId is null) ?? spans.FirstOrDefault(span => IsRoot(span, ids)) ?? spans[0];
        var start = spans[0].Start;
        return new TraceSummary(
            traceId, root.Name, root.Service, Services(spans), spans.Count, start,
            Milliseconds(spans.Max(span => span.End) - start), spans.Any(span => span.IsError));
    }

    private static bool IsRoot(ExportedSpan span, HashSet<string> ids) =>
        span.ParentSpanId is null || !ids.Contains(span.ParentSpanId);

    private static string[] Services(IEnumerable<ExportedSpan> spans) =>
        [.. spans.OrderBy(span => span.Start).Select(span => span.Service).Distinct()];

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);
}
