using Canvas.Api.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Canvas.Api.Tasks;

/// <summary>Which user, session and image each orchestrator task belongs to.</summary>
internal sealed class TaskStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, session_id, image_id, type, created_at";

    /// <summary>
    /// Records the task for the image's owner. A retried submission returns the same task id: the
    /// existing row stands, and is returned only if it is this owner's.
    /// </summary>
    public async Task<TaskRecord?> RecordAsync(string ownerId, Guid sessionId, Guid imageId, string taskId, string type, CancellationToken cancellationToken)
    {
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO tasks (id, session_id, image_id, owner_id, type)
            SELECT @id, i.session_id, i.id, i.owner_id, @type
            FROM images i WHERE i.id = @image AND i.session_id = @session AND i.owner_id = @owner
            ON CONFLICT (id) DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue("id", taskId);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("image", imageId);
            insert.Parameters.AddWithValue("session", sessionId);
            insert.Parameters.AddWithValue("owner", ownerId);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return await FindAsync(ownerId, sessionId, taskId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TaskRecord?> FindAsync(string ownerId, Guid sessionId, string taskId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM tasks WHERE id = @id AND session_id = @session AND owner_id = @owner");
        command.Parameters.AddWithValue("id", taskId);
        command.Parameters.AddWithValue("session", sessionId);
        command.Parameters.AddWithValue("owner", ownerId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault().Task;
    }

    public async Task<Page<TaskRecord>> ListAsync(string ownerId, Guid sessionId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM tasks
            WHERE session_id = @session AND owner_id = @owner
              AND (@after_at IS NULL OR (created_at, id) < (@after_at, @after_id))
            ORDER BY created_at DESC, id DESC
            LIMIT @take
            """);
        command.Parameters.AddWithValue("session", sessionId);
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("after_at", NpgsqlDbType.TimestampTz) { TypedValue = page.After?.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter<string>("after_id", NpgsqlDbType.Text) { TypedValue = page.After?.Id ?? string.Empty });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        return page.ToPage(await ReadAsync(command, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<List<(TaskRecord Task, PageCursor Cursor)>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(TaskRecord, PageCursor)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            var createdAt = reader.GetFieldValue<DateTime>(4);
            rows.Add((new TaskRecord(id, reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), new DateTimeOffset(createdAt)),
                new PageCursor(createdAt, id)));
        }
        return rows;
    }
}
