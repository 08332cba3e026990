namespace Backend.Hosting.ApplicationModel;

/// <summary>A database on a PostgreSQL server; its connection string is the server's plus <c>;Database=&lt;name&gt;</c>.</summary>
/// <param name="name">The resource name (the <c>ConnectionStrings__</c> key).</param>
/// <param name="databaseName">The database's name on the server.</param>
/// <param name="parent">The server.</param>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent, IResourceWithWaitSupport
{
    /// <summary>Gets the database's name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>Gets the server.</summary>
    public PostgresServerResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    IResource IResourceWithParent.Parent => Parent;

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    /// <inheritdoc/>
    public string ValueExpression => $"{{{Name}.connectionString}}";

    /// <inheritdoc/>
    public bool IsSecret => Parent.IsSecret;

    /// <inheritdoc/>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        ConnectionStringExpression.GetValueAsync(cancellationToken);
}
