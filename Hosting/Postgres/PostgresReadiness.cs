using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Backend.Hosting.Postgres;

/// <summary>When a local server is usable, and creating its databases.</summary>
internal static class PostgresReadiness
{
    /// <summary>
    /// Healthy once the server accepts this run's password. A fresh cluster is a copy of the template and so starts
    /// with the template's password: the first check that gets in with it replaces it with this run's.
    /// </summary>
    public static async Task<HealthCheckResult> CheckAsync(PostgresServerResource server, CancellationToken cancellationToken)
    {
        if (server.Cluster is null || !server.Endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("not started");
        }
        // Keep trying a little: Aspire runs a failed check again only seconds later, and the database waits for this one.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Readiness.Patience);
        while (true)
        {
            var result = await TryOnceAsync(server, server.Cluster, cancellationToken).ConfigureAwait(false);
            if (result.Status == HealthStatus.Healthy || !await Readiness.PauseAsync(patience.Token).ConfigureAwait(false))
            {
                return result;
            }
        }
    }

    private static async Task<HealthCheckResult> TryOnceAsync(PostgresServerResource server, Local.PostgresCluster cluster, CancellationToken cancellationToken)
    {
        try
        {
            if (!server.PasswordRotated)
            {
                await using var template = new NpgsqlConnection(ConnectionString(server, cluster.Password, "postgres"));
                await template.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var alter = new NpgsqlCommand($"ALTER ROLE {PostgresServerResource.Superuser} PASSWORD '{server.Password}'", template);
                await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                server.PasswordRotated = true;
            }
            await using var connection = new NpgsqlConnection(ConnectionString(server, server.Password, "postgres"));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    public static async Task CreateDatabaseAsync(PostgresDatabaseResource database, IServiceProvider services, CancellationToken cancellationToken)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var server = database.Parent;
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString(server, server.Password, "postgres"));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var url = $"postgres://127.0.0.1:{server.Endpoint.Port}/{database.DatabaseName}";
            await notifications.PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Urls = [new UrlSnapshot("database", url, IsInternal: false)],
            }).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            PostgresLog.DatabaseFailed(services.GetRequiredService<ResourceLoggerService>().GetLogger(database), database.DatabaseName, ex);
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
    }

    private static string ConnectionString(PostgresServerResource server, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = server.Endpoint.Port,
        Username = PostgresServerResource.Superuser,
        Password = password,
        Database = database,
        Pooling = false,
        Timeout = 3,
    }.ConnectionString;
}

internal static partial class PostgresLog
{
    [LoggerMessage(1, LogLevel.Error, "Could not create the database {Database}")]
    public static partial void DatabaseFailed(ILogger logger, string database, Exception exception);
}
