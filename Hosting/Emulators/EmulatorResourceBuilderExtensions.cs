using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Hosting.Emulators;

/// <summary>What the npm emulators (fauxqs, dynalite) share as Aspire resources.</summary>
internal static class EmulatorResourceBuilderExtensions
{
    public const string EndpointName = "http";

    /// <summary>
    /// Adds an emulator run by DCP with Node.js from <see cref="EmulatorPackages.Directory"/>: its packages installed
    /// (<c>npm ci</c>) before it starts, its HTTP port allocated by DCP on 127.0.0.1 (no proxy: every SDK call would
    /// pay a second hop), and healthy once it answers HTTP at all.
    /// </summary>
    public static IResourceBuilder<T> AddNodeEmulator<T>(this IDistributedApplicationBuilder builder, T emulator)
        where T : ExecutableResource
    {
        var healthCheckKey = $"{emulator.Name}-answers";
        var resource = builder.AddResource(emulator)
            .WithEndpoint(EndpointName, endpoint =>
            {
                endpoint.UriScheme = "http";
                endpoint.IsProxied = false;
                endpoint.TargetHost = "127.0.0.1";
            })
            .WithIconName("Server")
            .WithHealthCheck(healthCheckKey)
            .OnBeforeResourceStarted(static async (resource, @event, cancellationToken) =>
            {
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                await EmulatorPackages.EnsureInstalledAsync(logger, cancellationToken).ConfigureAwait(false);
            })
            .ExcludeFromManifest();
        var endpoint = resource.GetEndpoint(EndpointName);
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => AnswersAsync(endpoint, ct));
        return resource;
    }

    /// <summary>The emulator's URL, for <c>AWS_ENDPOINT_URL_*</c>.</summary>
    public static EndpointReferenceExpression Url(this ExecutableResource emulator) =>
        new EndpointReference(emulator, EndpointName).Property(EndpointProperty.Url);

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    // Any HTTP answer will do: the emulators answer their root path with an error, which is still an answer. The check
    // waits for it a little rather than failing at once: Aspire runs a failed check again only seconds later, and every
    // service waits for the queues and tables that are created once this check passes.
    private static async Task<HealthCheckResult> AnswersAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("not started");
        }
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Readiness.Patience);
        while (true)
        {
            try
            {
                using var response = await Probe.GetAsync(endpoint.Url, patience.Token).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            }
            catch (HttpRequestException ex)
            {
                if (!await Readiness.PauseAsync(patience.Token).ConfigureAwait(false))
                {
                    return HealthCheckResult.Unhealthy(ex.Message);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("no answer");
            }
        }
    }
}
