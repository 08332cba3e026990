namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server: a throwaway local cluster in run mode, a <c>postgres</c> container in the manifest
/// (the shape Aspire publishes; in production Supabase stands in for it).
/// </summary>
public sealed class PostgresServerResource : Resource, IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The name of the endpoint clients connect to.</summary>
    public const string EndpointName = "tcp";

    /// <summary>The port PostgreSQL listens on inside its container.</summary>
    public const int DefaultPort = 5432;

    /// <summary>The superuser's name.</summary>
    public const string UserName = "postgres";

    /// <summary>The container image the manifest names (the major version matches the local server binaries).</summary>
    public const string Image = "docker.io/library/postgres:15";

    /// <summary>Creates the server.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="password">The superuser's password.</param>
    public PostgresServerResource(string name, ParameterResource password)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(password);
        Password = password;
        Annotations.Add(new EndpointAnnotation(EndpointName, "tcp", targetPort: DefaultPort));
        var endpoint = new EndpointReference(this, EndpointName);
        ConnectionStringExpression = ReferenceExpression.Create(
            $"Host={endpoint.Host};Port={endpoint.Port};Username={UserName};Password={password}");
    }

    /// <summary>Gets the superuser's password parameter.</summary>
    public ParameterResource Password { get; }

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression { get; }

    /// <inheritdoc/>
    public string ValueExpression => $"{{{Name}.connectionString}}";

    /// <inheritdoc/>
    public bool IsSecret => ConnectionStringExpression.IsSecret;

    /// <inheritdoc/>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        ConnectionStringExpression.GetValueAsync(cancellationToken);
}
