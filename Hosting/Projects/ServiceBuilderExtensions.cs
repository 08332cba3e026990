using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Lifecycle;
using Backend.Hosting.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>How the services run locally.</summary>
public static class ServiceBuilderExtensions
{
    /// <summary>
    /// Locally, runs each service from its build output, restarts a crashed one with backoff, and on Ctrl+C stops the
    /// services before what they depend on. Nothing changes when published.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    public static IDistributedApplicationBuilder AddServiceSupervisor(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEventingSubscriber<ServiceSupervisor>();
        return builder;
    }

    /// <summary>
    /// Aspire's <c>WithHttpHealthCheck(path)</c>, except that locally a failed check keeps trying for up to 5 s before
    /// it reports unhealthy. Aspire runs a failed check again only after 1, 2, 3… s, so a service that starts listening
    /// just after the first check would wait seconds for nothing, and every service that waits for it with it.
    /// </summary>
    /// <param name="builder">The service.</param>
    /// <param name="path">The readiness path, e.g. <c>/health</c>; 200 means ready.</param>
    public static IResourceBuilder<T> WithHttpReadinessCheck<T>(this IResourceBuilder<T> builder, string path)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder.WithHttpHealthCheck(path);
        }
        // The key Aspire's own check uses, so that whatever reads the model for the path finds it the same way.
        var key = $"{builder.Resource.Name}_http_{path}_200_check";
        var endpoint = builder.Resource.GetEndpoint("http");
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, ct => HttpReadiness.CheckAsync(endpoint, path, anyAnswer: false, ct));
        return builder.WithHealthCheck(key);
    }

    /// <summary>
    /// Once the service is healthy, prints its URL and a development JWT signed with <paramref name="jwtSecret"/>
    /// (the token a signed-in Supabase user would send), on the AppHost's console and in the service's log.
    /// </summary>
    /// <param name="builder">The service.</param>
    /// <param name="jwtSecret">The JWT secret the service validates tokens with.</param>
    /// <param name="issuer">The issuer the service expects in tokens.</param>
    public static IResourceBuilder<T> WithDevelopmentToken<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> jwtSecret,
        IResourceBuilder<ParameterResource> issuer)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(jwtSecret);
        ArgumentNullException.ThrowIfNull(issuer);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }
        return builder.OnResourceReady(async (resource, @event, cancellationToken) =>
        {
            var secret = await jwtSecret.Resource.GetValueAsync(cancellationToken).ConfigureAwait(false);
            var token = DevelopmentToken.Create(secret!, "local-developer", TimeSpan.FromHours(12),
                issuer: await issuer.Resource.GetValueAsync(cancellationToken).ConfigureAwait(false));
            var urls = string.Join(", ", resource.Annotations.OfType<EndpointAnnotation>().Select(e => e.AllocatedEndpoint?.UriString).OfType<string>());
            var console = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Backend.AppHost");
            DevelopmentTokenLog.Ready(console, resource.Name, urls, token);
            DevelopmentTokenLog.Ready(@event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource), resource.Name, urls, token);
        });
    }
}

internal static partial class DevelopmentTokenLog
{
    [LoggerMessage(1, LogLevel.Information, "{Name} is ready at {Urls}. Development token (12 h; send it as Authorization: Bearer <token>):\n{Token}")]
    public static partial void Ready(ILogger logger, string name, string urls, string token);
}
