using Npgsql;

namespace Canvas.Api.Data;

/// <summary>
/// Applies the embedded migrations that a database lacks. Replicas starting together serialize on a
/// session-level advisory lock, so each script runs once; each script and its bookkeeping row commit
/// together. The lock needs a session: with Supabase use the direct or session-pooler connection
/// (port 5432), not the transaction pooler.
/// </summary>
internal sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any constant shared by every replica; this one spells "canvas".
    private const long LockKey = 0x63616E766173;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        // One trace for the whole migration, not one root span per statement in the dashboard's trace list.
        using var activity = BackendTelemetry.StartBackgroundActivity("database migrate");
        var migrations = Migration.LoadEmbedded();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey)).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken).ConfigureAwait(false);

            var applied = new HashSet<int>();
            await using (var query = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var count = 0;
            foreach (var migration in migrations.Where(migration => !applied.Contains(migration.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)",
                    cancellationToken, ("version", migration.Version), ("name", migration.Name)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                LogApplied(logger, migration.Version, migration.Name);
                count++;
            }
            return count;
        }
        finally
        {
            // Released on close anyway; unlocking keeps a pooled connection from carrying the lock.
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey)).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
