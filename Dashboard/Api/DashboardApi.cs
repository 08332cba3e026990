using Backend.Dashboard.Resources;
using Backend.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Backend.Dashboard.Api;

/// <summary>The JSON API the browser UI reads (camelCase), under <c>/api/dashboard</c>; the cookie check happens in front of it.</summary>
internal static class DashboardApi
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 5_000;

    public static void MapDashboardApi(
        this IEndpointRouteBuilder endpoints, string applicationName, IResourceSource resources, TelemetryStore telemetry, DashboardEvents events)
    {
        var api = endpoints.MapGroup("/api/dashboard");
        api.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });

        api.MapGet("/info", () => TypedResults.Ok(new DashboardInfo(applicationName))).WithName("DashboardInfo");
        api.MapGet("/resources", () => TypedResults.Ok(resources.GetResources())).WithName("Resources");
        api.MapGet("/resources/{name}/console", Results<Ok<IReadOnlyList<ConsoleLogLine>>, NotFound> (string name) =>
            resources.GetResources().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) switch
            {
                { } resource => TypedResults.Ok(resources.GetConsoleLogs(resource.Name)),
                null => TypedResults.NotFound(),
            }).WithName("ConsoleLogs");
        api.MapGet("/services", () => TypedResults.Ok(TelemetryQueries.Services(telemetry))).WithName("Services");
        api.MapGet("/logs", (string? service, string? level, string? search, int? limit) =>
            TypedResults.Ok(TelemetryQueries.Logs(telemetry.Logs, Blank(service), Blank(level), Blank(search), Limit(limit))))
            .WithName("StructuredLogs");
        api.MapGet("/traces", (string? service, int? limit) =>
            TypedResults.Ok(TraceViews.Summaries(telemetry.Spans, Blank(service), Limit(limit))))
            .WithName("Traces");
        api.MapGet("/traces/{traceId}", Results<Ok<TraceDetail>, NotFound> (string traceId) =>
            TraceViews.Detail(traceId, telemetry.Trace(traceId.ToLowerInvariant()), telemetry.Logs) is { } trace
                ? TypedResults.Ok(trace)
                : TypedResults.NotFound())
            .WithName("Trace");
        api.MapGet("/metrics", (string? service) => TypedResults.Ok(TelemetryQueries.Metrics(telemetry.Metrics, Blank(service))))
            .WithName("Metrics");
        api.MapGet("/events", (HttpContext context, IHostApplicationLifetime lifetime) =>
            events.StreamAsync(context, lifetime.ApplicationStopping)).WithName("Events");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int Limit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
}
