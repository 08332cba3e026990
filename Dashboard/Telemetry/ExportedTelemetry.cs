namespace Backend.Dashboard.Telemetry;

/// <summary>A finished span as an exporter sent it.</summary>
/// <param name="TraceId">32 lowercase hex digits.</param>
/// <param name="SpanId">16 lowercase hex digits.</param>
/// <param name="ParentSpanId">The parent's span id, or null for a root span.</param>
/// <param name="Name">The span name.</param>
/// <param name="Kind">internal, server, client, producer or consumer.</param>
/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="Attributes">Span attributes, values rendered as text.</param>
/// <param name="IsError">Whether the span's status is error.</param>
/// <param name="StatusMessage">The status description, if any.</param>
public sealed record ExportedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Service,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<string, string> Attributes,
    bool IsError,
    string? StatusMessage)
{
    /// <summary>How long the span took.</summary>
    public TimeSpan Duration => End - Start;
}

/// <summary>A structured log record.</summary>
/// <param name="Time">When it was written.</param>
/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Severity">The severity text (Information, Warning, ...).</param>
/// <param name="Message">The formatted message (the body).</param>
/// <param name="TraceId">The trace it was written in, if any.</param>
/// <param name="SpanId">The span it was written in, if any.</param>
/// <param name="Attributes">Log attributes, values rendered as text.</param>
public sealed record ExportedLog(
    DateTimeOffset Time,
    string Service,
    string Severity,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>The latest value of one metric series (a metric and one set of attribute values).</summary>
/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Name">The instrument name.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Time">When the value was observed.</param>
/// <param name="Value">The gauge or sum value; for a histogram, the sum of observations.</param>
/// <param name="Count">For a histogram, the number of observations; otherwise null.</param>
/// <param name="Attributes">The series' attributes.</param>
public sealed record ExportedMetricPoint(
    string Service,
    string Name,
    string Unit,
    DateTimeOffset Time,
    double Value,
    ulong? Count,
    IReadOnlyDictionary<string, string> Attributes);
