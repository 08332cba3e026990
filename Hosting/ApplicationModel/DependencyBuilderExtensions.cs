using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>How resources depend on each other: references (configuration) and waits (start order).</summary>
public static class DependencyBuilderExtensions
{
    /// <summary>Passes a connection string as <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
    /// <param name="builder">The process.</param>
    /// <param name="source">The database (or other connection-string resource).</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithReference<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(source);
        var resource = source.Resource;
        return builder.WithReferenceTo(resource, context =>
            context.EnvironmentVariables[$"ConnectionStrings__{resource.Name}"] = resource);
    }

    /// <summary>Passes a service's URLs as <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c> (one per HTTP endpoint).</summary>
    /// <param name="builder">The process.</param>
    /// <param name="source">The service.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithReference<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(source);
        var resource = source.Resource;
        return builder.WithReferenceTo(resource, context =>
        {
            foreach (var endpoint in resource.GetEndpoints().Where(e => e.IsHttp))
            {
                context.EnvironmentVariables[$"services__{resource.Name}__{endpoint.Name}__0"] =
                    new EndpointReference(resource, endpoint.Name);
            }
        });
    }

    /// <summary>Delays the start of the resource until <paramref name="dependency"/> is running and healthy.</summary>
    /// <param name="builder">The waiting resource.</param>
    /// <param name="dependency">The resource waited for.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new DistributedApplicationException($"{builder.Resource} cannot wait for itself.");
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource));
    }

    /// <summary>Records a reference and the variables it contributes; used by every <c>WithReference</c>.</summary>
    /// <param name="builder">The process.</param>
    /// <param name="source">The referenced resource.</param>
    /// <param name="contribute">Writes the variables.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    internal static IResourceBuilder<T> WithReferenceTo<T>(
        this IResourceBuilder<T> builder, IResource source, Action<EnvironmentCallbackContext> contribute)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ReferenceEquals(builder.Resource, source))
        {
            throw new DistributedApplicationException($"{builder.Resource} cannot reference itself.");
        }

        return builder.WithAnnotation(new ReferenceAnnotation(source))
            .WithAnnotation(new EnvironmentCallbackAnnotation(contribute));
    }
}
