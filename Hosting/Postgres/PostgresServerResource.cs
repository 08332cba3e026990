using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Local;

namespace Backend.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server from the machine's server binaries, run by DCP in the foreground on 127.0.0.1, its cluster a copy
/// of a per-machine template made before it starts. Root runs it as the <c>postgres</c> user, since postgres refuses root.
/// </summary>
public sealed class PostgresServerResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const string Superuser = PostgresCluster.Superuser;

    internal PostgresServerResource(string name, string binDirectory)
        : base(name, PostgresCluster.RunAsUser is null ? Path.Combine(binDirectory, "postgres") : "setpriv", binDirectory)
    {
        BinDirectory = binDirectory;
    }

    internal string BinDirectory { get; }

    /// <summary>The cluster of this run, prepared just before the server starts.</summary>
    internal PostgresCluster? Cluster { get; set; }

    /// <summary>The superuser's password of this run: the template's is replaced with it once the server is up.</summary>
    internal string Password { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    internal bool PasswordRotated { get; set; }

    /// <summary>The server's endpoint.</summary>
    public EndpointReference Endpoint => new(this, EndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={Superuser};Password={Password}");
}
