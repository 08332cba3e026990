using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Projects;
using Microsoft.Extensions.DependencyInjection;

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
        // Any HTTP answer will do: the emulators answer their root path with an error, which is still an answer.
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => HttpReadiness.CheckAsync(endpoint, "/", anyAnswer: true, ct));
        return resource;
    }

    /// <summary>The emulator's URL, for <c>AWS_ENDPOINT_URL_*</c>.</summary>
    public static EndpointReferenceExpression Url(this ExecutableResource emulator) =>
        new EndpointReference(emulator, EndpointName).Property(EndpointProperty.Url);
}
