using Backend.Dashboard.Telemetry;

namespace Backend.Dashboard.Api;

/// <summary>One row of the traces list.</summary>
internal sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    IReadOnlyList<string> Services,
    int SpanCount,
    DateTimeOffset Start,
    double DurationMs,
    bool HasError);

/// <summary>A trace's spans in waterfall order (each followed by its children), with the logs written in it.</summary>
internal sealed record TraceDetail(
    string TraceId,
    DateTimeOffset Start,
    double DurationMs,
    IReadOnlyList<string> Services,
    IReadOnlyList<SpanView> Spans,
    IReadOnlyList<ExportedLog> Logs);

/// <summary>A span placed in its trace: how deep in the call tree, and when it started relative to the trace.</summary>
internal sealed record SpanView(
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Service,
    int Depth,
    double OffsetMs,
    double DurationMs,
    bool IsError,
    string? StatusMessage,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>A service's metrics, by instrument.</summary>
internal sealed record MetricServiceView(string Service, IReadOnlyList<MetricInstrumentView> Instruments);

/// <summary>One instrument's series.</summary>
internal sealed record MetricInstrumentView(string Name, string Unit, IReadOnlyList<MetricSeriesView> Series);

/// <summary>The latest value of one series.</summary>
internal sealed record MetricSeriesView(IReadOnlyDictionary<string, string> Attributes, double Value, ulong? Count, DateTimeOffset Time);

/// <summary>What the UI shows in its header.</summary>
internal sealed record DashboardInfo(string ApplicationName);
