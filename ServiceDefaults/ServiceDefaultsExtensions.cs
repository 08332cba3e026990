using System.Diagnostics;
using Backend.ServiceDefaults.Aws;
using Backend.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every service of the backend shares: OpenTelemetry (traces, metrics, logs over OTLP),
/// health endpoints, HTTP resilience and service discovery. Configured only through the environment
/// variables Aspire uses, so a service runs the same under our AppHost, a real Aspire AppHost or ECS.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Path of the readiness endpoint: the service and its dependencies are usable.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint: the process is up and not wedged.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Tag of health checks that belong to liveness as well as readiness.</summary>
    public const string LiveTag = "live";

    /// <summary>Adds telemetry, health checks, service discovery and resilient HttpClient defaults.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs with ASP.NET Core, HttpClient, runtime and AWS SDK instrumentation.
    /// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the resource is named by
    /// <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c>, which the SDK reads itself.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        AwsSdkTracing.Register();

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(BackendTelemetry.MeterName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(BackendTelemetry.AwsSdkSourceName, BackendTelemetry.MessagingSourceName, BackendTelemetry.BackgroundSourceName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsHealthRequest(context))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => IsInsideATrace()));

        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            // The .NET exporter defaults to gRPC; the OpenTelemetry specification's default (and ours) is http/protobuf.
            var protocol = builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                null or "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException(
                    $"OTEL_EXPORTER_OTLP_PROTOCOL '{other}' is not supported: use 'http/protobuf' or 'grpc'."),
            };
            builder.Services.AddOpenTelemetry().UseOtlpExporter(protocol, new Uri(endpoint));
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every registered check, dependencies included) and <c>/alive</c>
    /// (liveness: checks tagged <see cref="LiveTag"/>) in every environment, because ECS target groups
    /// and load balancers call them in production. Both answer without authentication and disclose only
    /// check names and statuses.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Whether the outgoing call belongs to a trace. A call with no span around it is a background loop's poll (GPU
    /// controller, outbox sweep, queue receives through the AWS SDK's HttpClient): as a root span of its own every few
    /// seconds it would bury the traces of user actions, so it is measured by the HttpClient metrics only.
    /// </summary>
    internal static bool IsInsideATrace() => Activity.Current is { } current
        && (current.Source.Name != HttpClientSourceName || current.Parent is not null || current.HasRemoteParent);

    private const string HttpClientSourceName = "System.Net.Http";

    private static bool IsHealthRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthPath) || context.Request.Path.StartsWithSegments(AlivePath);
}
