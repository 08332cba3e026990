using Backend.Dashboard.Telemetry;

namespace Backend.Dashboard.Api;

/// <summary>The filters of the structured logs view, the metrics grouping, and the list of services.</summary>
internal static class TelemetryQueries
{
    /// <summary>Logs of a service, at or above a level, containing a text (in the message or an attribute value), newest first.</summary>
    public static IReadOnlyList<ExportedLog> Logs(IEnumerable<ExportedLog> logs, string? service, string? minimumLevel, string? search, int limit)
    {
        var minimum = minimumLevel is null ? 0 : LevelRank(minimumLevel);
        return
        [
            .. logs.Reverse()
                .Where(log => service is null || log.Service == service)
                .Where(log => LevelRank(log.Severity) >= minimum)
                .Where(log => string.IsNullOrEmpty(search)
                    || log.Message.Contains(search, StringComparison.OrdinalIgnoreCase)
                    || log.Attributes.Values.Any(value => value.Contains(search, StringComparison.OrdinalIgnoreCase)))
                .Take(limit),
        ];
    }

    /// <summary>
    /// Orders severities whichever way an exporter spells them: .NET's level names (Information, Warning,
    /// Critical) or OpenTelemetry's short names (INFO, WARN, FATAL).
    /// </summary>
    public static int LevelRank(string severity) => severity.ToUpperInvariant() switch
    {
        var s when s.StartsWith("TRACE", StringComparison.Ordinal) => 0,
        var s when s.StartsWith("DEBUG", StringComparison.Ordinal) => 1,
        var s when s.StartsWith("WARN", StringComparison.Ordinal) => 3,
        var s when s.StartsWith("ERR", StringComparison.Ordinal) => 4,
        var s when s.StartsWith("CRIT", StringComparison.Ordinal) || s.StartsWith("FATAL", StringComparison.Ordinal) => 5,
        _ => 2,
    };

    public static IReadOnlyList<MetricServiceView> Metrics(IEnumerable<ExportedMetricPoint> points, string? service) =>
    [
        .. points.Where(point => service is null || point.Service == service)
            .GroupBy(point => point.Service)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new MetricServiceView(group.Key,
            [
                .. group.GroupBy(point => (point.Name, point.Unit))
                    .OrderBy(instrument => instrument.Key.Name, StringComparer.Ordinal)
                    .Select(instrument => new MetricInstrumentView(instrument.Key.Name, instrument.Key.Unit,
                    [
                        .. instrument.OrderBy(point => string.Join(',', point.Attributes.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")), StringComparer.Ordinal)
                            .Select(point => new MetricSeriesView(point.Attributes, point.Value, point.Count, point.Time)),
                    ])),
            ])),
    ];

    public static IReadOnlyList<string> Services(TelemetryStore store) =>
    [
        .. store.Spans.Select(span => span.Service)
            .Concat(store.Logs.Select(log => log.Service))
            .Concat(store.Metrics.Select(point => point.Service))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];
}
