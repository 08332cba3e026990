using Backend.Dashboard.Telemetry;

namespace Dashboard.Tests;

/// <summary>Telemetry records as the OTLP receiver would store them, for tests of the views built on them.</summary>
internal static class TestTelemetry
{
    public static ExportedLog Log(DateTimeOffset time, string service, string severity, string message, (string Key, string Value)? attribute = null, string? traceId = null) =>
        new(time, service, severity, message, traceId, null,
            attribute is { } a ? new Dictionary<string, string> { [a.Key] = a.Value } : new Dictionary<string, string>());

    public static ExportedSpan Span(string traceId, string spanId, string? parent, string name, string service, DateTimeOffset start, int milliseconds, bool isError = false) =>
        new(traceId, spanId, parent, name, "server", service, start, start.AddMilliseconds(milliseconds), new Dictionary<string, string>(), isError, null);
}
