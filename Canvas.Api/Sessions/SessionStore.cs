using Canvas.Api.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Canvas.Api.Sessions;

/// <summary>Sessions in PostgreSQL. Every query is scoped by owner: another user's session does not exist.</summary>
internal sealed class SessionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, title, created_at, updated_at";

    public async Task<Session> CreateAsync(string ownerId, string title, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO sessions (id, owner_id, title) VALUES (@id, @owner, @title) RETURNING {Columns}");
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.AddWithValue("title", title);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).Single().Session;
    }

    public async Task<Session?> FindAsync(string ownerId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM sessions WHERE id = @id AND owner_id = @owner");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("owner", ownerId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault().Session;
    }

    public async Task<bool> ExistsAsync(string ownerId, Guid id, CancellationToken cancellationToken) =>
        await FindAsync(ownerId, id, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<Page<Session>> ListAsync(string ownerId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM sessions
            WHERE owner_id = @owner AND (@after_at IS NULL OR (created_at, id) < (@after_at, @after_id))
            ORDER BY created_at DESC, id DESC
            LIMIT @take
            """);
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("after_at", NpgsqlDbType.TimestampTz) { TypedValue = page.After?.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", NpgsqlDbType.Uuid)
        {
            TypedValue = page.After is { } after && Guid.TryParse(after.Id, out var id) ? id : Guid.Empty,
        });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        return page.ToPage(await ReadAsync(command, cancellationToken).ConfigureAwait(false));
    }

    public async Task<Session?> RenameAsync(string ownerId, Guid id, string title, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE sessions SET title = @title, updated_at = now()
            WHERE id = @id AND owner_id = @owner
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.AddWithValue("title", title);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault().Session;
    }

    /// <summary>Deletes the row; images and task rows go with it (ON DELETE CASCADE).</summary>
    public async Task<bool> DeleteAsync(string ownerId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sessions WHERE id = @id AND owner_id = @owner");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("owner", ownerId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<List<(Session Session, PageCursor Cursor)>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(Session, PageCursor)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            var createdAt = reader.GetFieldValue<DateTime>(2);
            rows.Add((new Session(id, reader.GetString(1), new DateTimeOffset(createdAt), new DateTimeOffset(reader.GetFieldValue<DateTime>(3))),
                new PageCursor(createdAt, id.ToString())));
        }
        return rows;
    }
}
