using System.Globalization;
using Backend.Dashboard.Otlp.Proto;
using Backend.Dashboard.Telemetry;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Backend.Dashboard.Otlp;

/// <summary>Turns decoded OTLP export requests into the dashboard's telemetry records.</summary>
internal static class OtlpConverter
{
    public static IEnumerable<ExportedSpan> Spans(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let service = ServiceName(resourceSpans.Resource)
        from scopeSpans in resourceSpans.ScopeSpans
        from span in scopeSpans.Spans
        select new ExportedSpan(
            Hex(span.TraceId),
            Hex(span.SpanId),
            span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
            span.Name,
            span.Kind.ToString().ToLowerInvariant(),
            service,
            Time(span.StartTimeUnixNano),
            Time(span.EndTimeUnixNano),
            Attributes(span.Attributes),
            span.Status?.Code == StatusCode.Error,
            string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message);

    public static IEnumerable<ExportedLog> Logs(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let service = ServiceName(resourceLogs.Resource)
        from scopeLogs in resourceLogs.ScopeLogs
        from log in scopeLogs.LogRecords
        select new ExportedLog(
            Time(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano),
            service,
            string.IsNullOrEmpty(log.SeverityText) ? SeverityName(log.SeverityNumber) : log.SeverityText,
            log.Body is null ? "" : Text(log.Body),
            log.TraceId.IsEmpty ? null : Hex(log.TraceId),
            log.SpanId.IsEmpty ? null : Hex(log.SpanId),
            Attributes(log.Attributes));

    public static IEnumerable<ExportedMetricPoint> MetricPoints(ExportMetricsServiceRequest request)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var service = ServiceName(resourceMetrics.Resource);
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(scope => scope.Metrics))
            {
                var numbers = metric.DataCase switch
                {
                    Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints,
                    Metric.DataOneofCase.Sum => metric.Sum.DataPoints,
                    _ => [],
                };
                foreach (var point in numbers)
                {
                    var value = point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;
                    yield return new(service, metric.Name, metric.Unit, Time(point.TimeUnixNano), value, null, Attributes(point.Attributes));
                }
                if (metric.DataCase == Metric.DataOneofCase.Histogram)
                {
                    foreach (var point in metric.Histogram.DataPoints)
                    {
                        yield return new(service, metric.Name, metric.Unit, Time(point.TimeUnixNano), point.Sum, point.Count, Attributes(point.Attributes));
                    }
                }
            }
        }
    }

    private static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(attribute => attribute.Key == "service.name") is { } name ? Text(name.Value) : "unknown";

    private static Dictionary<string, string> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.GroupBy(attribute => attribute.Key).ToDictionary(group => group.Key, group => Text(group.Last().Value));

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {Text(kv.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    private static string SeverityName(int number) => number switch
    {
        <= 0 => "Unspecified",
        <= 4 => "Trace",
        <= 8 => "Debug",
        <= 12 => "Information",
        <= 16 => "Warning",
        <= 20 => "Error",
        _ => "Critical",
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));
}
