namespace Backend.Hosting.ApplicationModel;

/// <summary>A network endpoint of a resource (<c>http</c>, <c>https</c>, <c>tcp</c>).</summary>
public sealed class EndpointAnnotation : IResourceAnnotation
{
    /// <summary>Creates an endpoint.</summary>
    /// <param name="name">The endpoint name, unique per resource (<c>http</c>).</param>
    /// <param name="uriScheme">The scheme used in its URL (<c>http</c>, <c>https</c>, <c>tcp</c>).</param>
    /// <param name="port">The fixed port other resources use, or null for a free one.</param>
    /// <param name="targetPort">The port the process listens on, when it differs from <paramref name="port"/> (containers).</param>
    public EndpointAnnotation(string name, string uriScheme, int? port = null, int? targetPort = null)
    {
        ResourceNames.Validate(name);
        if (port is < 1 or > 65535 || targetPort is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), "Ports are between 1 and 65535.");
        }

        Name = name;
        UriScheme = uriScheme;
        Port = port;
        TargetPort = targetPort;
    }

    /// <summary>Gets the endpoint name.</summary>
    public string Name { get; }

    /// <summary>Gets the URL scheme.</summary>
    public string UriScheme { get; }

    /// <summary>Gets the manifest transport: <c>http</c> for web endpoints, <c>tcp</c> otherwise.</summary>
    public string Transport => IsHttp ? "http" : "tcp";

    /// <summary>Gets whether the endpoint speaks HTTP or HTTPS.</summary>
    public bool IsHttp => UriScheme is "http" or "https";

    /// <summary>Gets the fixed port, or null to allocate a free one.</summary>
    public int? Port { get; }

    /// <summary>Gets the port the process listens on, if fixed.</summary>
    public int? TargetPort { get; }

    /// <summary>Gets or sets the variable that tells the process its port (e.g. <c>PORT</c>), for non-.NET processes.</summary>
    public string? TargetPortEnvironmentVariable { get; set; }

    /// <summary>Gets or sets whether the endpoint is reachable from outside the application when deployed.</summary>
    public bool IsExternal { get; set; }

    /// <summary>Gets or sets the address allocated by the local runner when the application starts.</summary>
    public AllocatedEndpoint? AllocatedEndpoint { get; set; }

    /// <summary>Gets the allocated address, or throws an error that says why there is none yet.</summary>
    /// <param name="owner">The resource owning the endpoint, named in the error.</param>
    public AllocatedEndpoint GetAllocatedEndpoint(IResource owner) =>
        AllocatedEndpoint ?? throw new InvalidOperationException(
            $"The endpoint '{Name}' of {owner} has not been allocated yet: the local runner allocates endpoints when the application starts.");
}

/// <summary>Where the local runner put an endpoint.</summary>
/// <param name="Host">The host clients use (<c>127.0.0.1</c>).</param>
/// <param name="Port">The port clients use.</param>
/// <param name="ReplicaPorts">The port each replica listens on when a proxy spreads <paramref name="Port"/>
/// over several replicas; null when the single process listens on <paramref name="Port"/> itself.</param>
public sealed record AllocatedEndpoint(string Host, int Port, IReadOnlyList<int>? ReplicaPorts = null)
{
    /// <summary>Gets the port a given replica listens on.</summary>
    /// <param name="replicaIndex">The replica index.</param>
    public int TargetPortFor(int replicaIndex) => ReplicaPorts is null ? Port : ReplicaPorts[replicaIndex];
}
