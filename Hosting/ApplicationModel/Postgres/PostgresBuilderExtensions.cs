using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Adds PostgreSQL.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server. Its password is the secret parameter <c>&lt;name&gt;-password</c>, generated when not configured.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var password = builder.AddParameter($"{name}-password", secret: true).WithGeneratedDefault();
        return builder.AddResource(new PostgresServerResource(name, password.Resource));
    }

    /// <summary>Adds a database on the server.</summary>
    /// <param name="builder">The server.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="databaseName">The database's name on the server; defaults to <paramref name="name"/>.</param>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource));
    }
}
