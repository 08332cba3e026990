using System.Globalization;
using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>The variables every process gets from the model itself, as Aspire's AppHost sets them.</summary>
internal static class ProcessEnvironment
{
    public static void AddTelemetry(EnvironmentCallbackContext context)
    {
        var variables = context.EnvironmentVariables;
        if (context.ExecutionContext.IsRunMode)
        {
            var telemetry = context.ExecutionContext.Telemetry;
            variables["OTEL_EXPORTER_OTLP_ENDPOINT"] = telemetry.OtlpEndpoint?.ToString().TrimEnd('/')
                ?? throw new InvalidOperationException(
                    $"No OTLP endpoint is known for {context.Resource}: the local runner sets it when it starts the dashboard.");
            variables["OTEL_EXPORTER_OTLP_PROTOCOL"] = telemetry.OtlpProtocol;
            if (telemetry.OtlpHeaders is { } headers)
            {
                variables["OTEL_EXPORTER_OTLP_HEADERS"] = new SecretText(headers);
            }
        }

        variables["OTEL_SERVICE_NAME"] = context.Resource.Name;
        if (context.ExecutionContext.IsRunMode)
        {
            variables["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={context.Replica.InstanceId}";
            variables["DOTNET_ENVIRONMENT"] = "Development";
            variables["ASPNETCORE_ENVIRONMENT"] = "Development";
        }
    }

    // Locally the process is told its exact addresses; deployed, only its ports (as Aspire's HTTP_PORTS/HTTPS_PORTS),
    // because the container binds all interfaces.
    public static void AddAspNetCoreUrls(EnvironmentCallbackContext context)
    {
        var endpoints = context.Resource.GetEndpoints()
            .Where(e => e.IsHttp && e.TargetPortEnvironmentVariable is null).ToList();
        if (endpoints.Count == 0)
        {
            return;
        }

        if (context.ExecutionContext.IsRunMode)
        {
            context.EnvironmentVariables["ASPNETCORE_URLS"] = string.Join(';', endpoints.Select(e =>
            {
                var allocated = e.GetAllocatedEndpoint(context.Resource);
                return $"{e.UriScheme}://{allocated.Host}:{TargetPort(context, allocated)}";
            }));
            return;
        }

        foreach (var scheme in new[] { "http", "https" })
        {
            var ports = endpoints.Where(e => e.UriScheme == scheme).Select(e => TargetPortExpression(context.Resource, e)).ToList();
            if (ports.Count > 0)
            {
                context.EnvironmentVariables[$"{scheme.ToUpperInvariant()}_PORTS"] = string.Join(';', ports);
            }
        }
    }

    public static void AddEndpointPortVariables(EnvironmentCallbackContext context)
    {
        foreach (var endpoint in context.Resource.GetEndpoints().Where(e => e.TargetPortEnvironmentVariable is not null))
        {
            context.EnvironmentVariables[endpoint.TargetPortEnvironmentVariable!] = context.ExecutionContext.IsRunMode
                ? TargetPort(context, endpoint.GetAllocatedEndpoint(context.Resource))
                : TargetPortExpression(context.Resource, endpoint);
        }
    }

    private static string TargetPort(EnvironmentCallbackContext context, AllocatedEndpoint allocated) =>
        allocated.TargetPortFor(context.Replica.Index).ToString(CultureInfo.InvariantCulture);

    private static string TargetPortExpression(IResource resource, EndpointAnnotation endpoint) =>
        $"{{{resource.Name}.bindings.{endpoint.Name}.targetPort}}";
}
