using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Adds .NET projects.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// Adds a .NET project. Every project gets the OpenTelemetry variables (<c>OTEL_SERVICE_NAME</c>, and locally
    /// the dashboard's OTLP endpoint and <c>service.instance.id</c>), <c>ASPNETCORE_URLS</c> for its HTTP endpoints
    /// and the Development environment when run locally, <c>HTTP_PORTS</c> when published.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <typeparam name="TProject">A generated <c>Projects.*</c> class.</typeparam>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ProjectResource(name, new TProject()))
            .WithEnvironment(ProcessEnvironment.AddTelemetry)
            .WithEnvironment(ProcessEnvironment.AddAspNetCoreUrls)
            .WithEnvironment(ProcessEnvironment.AddEndpointPortVariables);
    }
}
