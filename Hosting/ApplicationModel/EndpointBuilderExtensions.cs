using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Endpoints and health checks.</summary>
public static class EndpointBuilderExtensions
{
    /// <summary>Adds an HTTP endpoint.</summary>
    /// <param name="builder">The resource.</param>
    /// <param name="port">A fixed port, or null for a free port chosen when the application starts.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="env">A variable that tells the process its port (e.g. <c>PORT</c>); .NET projects get <c>ASPNETCORE_URLS</c> anyway.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(
        this IResourceBuilder<T> builder, int? port = null, string name = "http", string? env = null)
        where T : IResourceWithEndpoints =>
        builder.WithEndpoint(new EndpointAnnotation(name, "http", port) { TargetPortEnvironmentVariable = env });

    /// <summary>Adds an HTTPS endpoint.</summary>
    /// <param name="builder">The resource.</param>
    /// <param name="port">A fixed port, or null for a free port chosen when the application starts.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="env">A variable that tells the process its port.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithHttpsEndpoint<T>(
        this IResourceBuilder<T> builder, int? port = null, string name = "https", string? env = null)
        where T : IResourceWithEndpoints =>
        builder.WithEndpoint(new EndpointAnnotation(name, "https", port) { TargetPortEnvironmentVariable = env });

    /// <summary>Adds an endpoint.</summary>
    /// <param name="builder">The resource.</param>
    /// <param name="endpoint">The endpoint; its name must be new on this resource.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, EndpointAnnotation endpoint)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (builder.Resource.GetEndpoints().Any(e => e.Name == endpoint.Name))
        {
            throw new DistributedApplicationException($"{builder.Resource} already has an endpoint named '{endpoint.Name}'.");
        }

        return builder.WithAnnotation(endpoint);
    }

    /// <summary>Marks the HTTP endpoints as reachable from outside the application when deployed (behind a load balancer).</summary>
    /// <param name="builder">The resource.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var endpoint in builder.Resource.GetEndpoints().Where(e => e.IsHttp))
        {
            endpoint.IsExternal = true;
        }

        return builder;
    }

    /// <summary>Declares the resource healthy when a GET of <paramref name="path"/> on an HTTP endpoint succeeds.</summary>
    /// <param name="builder">The resource.</param>
    /// <param name="path">The path, e.g. <c>/health</c>.</param>
    /// <param name="endpointName">The endpoint probed.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(
        this IResourceBuilder<T> builder, string path = "/health", string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The health check path '{path}' must start with '/'.", nameof(path));
        }

        return builder.WithAnnotation(new HttpHealthCheckAnnotation(path, endpointName));
    }

    /// <summary>Gets a late-bound reference to an endpoint (its URL, host, port).</summary>
    /// <param name="builder">The resource.</param>
    /// <param name="name">The endpoint name.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new EndpointReference(builder.Resource, name);
    }
}
