using System.Diagnostics;
using System.Diagnostics.Metrics;
using Backend.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dashboard.Tests;

/// <summary>
/// One service's real OpenTelemetry SDK exporting to a dashboard over OTLP/HTTP, configured only by the
/// OTEL_* settings the AppHost gives a service (endpoint, protocol, headers with the API key, service name).
/// </summary>
internal sealed class SdkTelemetry : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;
    private readonly LoggerProvider _logging;

    private SdkTelemetry(ServiceProvider services, string serviceName)
    {
        _services = services;
        _tracing = services.GetRequiredService<TracerProvider>();
        _metrics = services.GetRequiredService<MeterProvider>();
        _logging = services.GetRequiredService<LoggerProvider>();
        Source = new ActivitySource(serviceName);
        Meter = new Meter(serviceName);
        Logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(serviceName);
    }

    public ActivitySource Source { get; }

    public Meter Meter { get; }

    public ILogger Logger { get; }

    public static SdkTelemetry Start(DashboardServer dashboard, string serviceName, string? headers = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpEndpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = headers ?? dashboard.OtlpHeaders,
            ["OTEL_SERVICE_NAME"] = serviceName,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        services.Configure<OpenTelemetryLoggerOptions>(options => options.IncludeFormattedMessage = true);
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(serviceName).AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(serviceName).AddOtlpExporter())
            .WithLogging(logging => logging.AddOtlpExporter());
        return new SdkTelemetry(services.BuildServiceProvider(), serviceName);
    }

    /// <summary>Exports everything recorded so far, as a service does on shutdown; false when an export failed.</summary>
    public bool Flush() =>
        _tracing.ForceFlush(10_000) & _metrics.ForceFlush(10_000) & _logging.ForceFlush(10_000);

    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
        _services.Dispose();
    }
}
