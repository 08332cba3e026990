using Aspire.Hosting.ApplicationModel;

namespace Backend.Hosting.Postgres;

/// <summary>A database of a local <see cref="PostgresServerResource"/>, created once the server is healthy.</summary>
/// <param name="name">The resource name, also the connection string's name.</param>
/// <param name="databaseName">The database's name.</param>
/// <param name="server">The server.</param>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <summary>The database's name.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <inheritdoc />
    public PostgresServerResource Parent { get; } = server;

    /// <inheritdoc />
    /// <remarks>
    /// Usable once the resource is Running (the database exists): services <c>WaitFor</c> it. Not a value that waits for
    /// creation itself, because Aspire resolves connection strings when the server's endpoint is allocated, before start.
    /// </remarks>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
