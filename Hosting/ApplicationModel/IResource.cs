namespace Backend.Hosting.ApplicationModel;

/// <summary>A named part of the application: a service, a database, a queue, a parameter.</summary>
public interface IResource
{
    /// <summary>Gets the resource's name, unique in the application (case-insensitively).</summary>
    string Name { get; }

    /// <summary>Gets the annotations that the builder methods attach (environment, endpoints, waits...).</summary>
    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>A resource that receives environment variables (a process).</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource that takes command-line arguments.</summary>
public interface IResourceWithArgs : IResource;

/// <summary>A resource that has network endpoints.</summary>
public interface IResourceWithEndpoints : IResource;

/// <summary>A resource that can be told to wait for other resources before it starts.</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that other services find by name through <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c>.</summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;

/// <summary>A resource that lives inside another one (a database inside its server).</summary>
public interface IResourceWithParent : IResource
{
    /// <summary>Gets the resource this one lives in.</summary>
    IResource Parent { get; }
}

/// <summary>
/// A resource that services reach through a connection string, passed to them as <c>ConnectionStrings__&lt;name&gt;</c>.
/// </summary>
public interface IResourceWithConnectionString : IResource, IValueProvider, IManifestExpressionProvider, ISecretAware
{
    /// <summary>Gets the connection string as an expression of late-bound values.</summary>
    ReferenceExpression ConnectionStringExpression { get; }
}
