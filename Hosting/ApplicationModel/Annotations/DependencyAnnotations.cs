namespace Backend.Hosting.ApplicationModel;

/// <summary>The resource must not start before <see cref="Resource"/> is running and healthy.</summary>
/// <param name="resource">The resource waited for.</param>
public sealed class WaitAnnotation(IResource resource) : IResourceAnnotation
{
    /// <summary>Gets the resource waited for.</summary>
    public IResource Resource { get; } = resource;
}

/// <summary>The resource was given the configuration of <see cref="Resource"/> through <c>WithReference</c>.</summary>
/// <param name="resource">The resource referenced.</param>
public sealed class ReferenceAnnotation(IResource resource) : IResourceAnnotation
{
    /// <summary>Gets the resource referenced.</summary>
    public IResource Resource { get; } = resource;
}

/// <summary>The resource is healthy when an HTTP GET of <see cref="Path"/> on <see cref="EndpointName"/> succeeds.</summary>
/// <param name="path">The path, e.g. <c>/health</c>.</param>
/// <param name="endpointName">The endpoint probed.</param>
public sealed class HttpHealthCheckAnnotation(string path, string endpointName) : IResourceAnnotation
{
    /// <summary>Gets the probed path.</summary>
    public string Path { get; } = path;

    /// <summary>Gets the probed endpoint's name.</summary>
    public string EndpointName { get; } = endpointName;
}

/// <summary>How many copies of the resource run.</summary>
/// <param name="replicas">The count, at least 1.</param>
public sealed class ReplicaAnnotation(int replicas) : IResourceAnnotation
{
    /// <summary>Gets the replica count.</summary>
    public int Replicas { get; } = replicas;
}

/// <summary>Command-line arguments: strings or late-bound values.</summary>
/// <param name="args">The arguments.</param>
public sealed class CommandLineArgsAnnotation(IReadOnlyList<object> args) : IResourceAnnotation
{
    /// <summary>Gets the arguments.</summary>
    public IReadOnlyList<object> Args { get; } = args;
}
