using Canvas.Api.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Canvas.Api.Images;

/// <summary>Image rows in PostgreSQL, always scoped by owner and session.</summary>
internal sealed class ImageStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, session_id, object_key, status, content_type, size_bytes, width, height, sha256, original_name, created_at, declared_size";

    /// <summary>
    /// The row of an image being stored, written by <see cref="ReadyImageRow.InsertAsync"/> alongside the
    /// PUT of its object and visible only once <see cref="ReadyImageRow.CommitAsync"/> follows the PUT.
    /// </summary>
    public ReadyImageRow StartReadyRow(string ownerId, Guid sessionId, Guid imageId, string key, string? fileName) =>
        new(dataSource, ownerId, sessionId, imageId, key, fileName);

    /// <summary>Reserves an image id for a presigned upload of <paramref name="declaredSize"/> bytes that is yet to be confirmed.</summary>
    public Task<ImageRecord?> InsertPendingAsync(string ownerId, Guid sessionId, Guid imageId, string key, string? fileName, long declaredSize,
        DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        InsertAsync(ownerId, sessionId, imageId, key, "pending", null, fileName, declaredSize, expiresAt, cancellationToken);

    /// <summary>Marks a pending image ready with what its bytes turned out to be; null when it was not pending.</summary>
    public async Task<ImageRecord?> MarkReadyAsync(string ownerId, Guid sessionId, Guid imageId, IngestResult.Stored image, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE images SET status = 'ready', content_type = @content_type, size_bytes = @size, width = @width, height = @height,
                sha256 = @sha256, upload_expires_at = NULL
            WHERE id = @id AND session_id = @session AND owner_id = @owner AND status = 'pending'
            RETURNING {Columns}
            """);
        AddKey(command, ownerId, sessionId, imageId);
        AddMetadata(command, image);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault().Image;
    }

    public async Task<ImageRecord?> FindAsync(string ownerId, Guid sessionId, Guid imageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM images WHERE id = @id AND session_id = @session AND owner_id = @owner");
        AddKey(command, ownerId, sessionId, imageId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault().Image;
    }

    public async Task<Page<ImageRecord>> ListReadyAsync(string ownerId, Guid sessionId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM images
            WHERE session_id = @session AND owner_id = @owner AND status = 'ready'
              AND (@after_at IS NULL OR (created_at, id) < (@after_at, @after_id))
            ORDER BY created_at DESC, id DESC
            LIMIT @take
            """);
        command.Parameters.AddWithValue("session", sessionId);
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("after_at", NpgsqlDbType.TimestampTz) { TypedValue = page.After?.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", NpgsqlDbType.Uuid)
        {
            TypedValue = page.After is { } after && Guid.TryParse(after.Id, out var id) ? id : Guid.Empty,
        });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        return page.ToPage(await ReadAsync(command, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Deletes up to <paramref name="batch"/> pending rows whose upload URL expired more than <paramref name="grace"/> ago,
    /// returning what each left in S3 to delete. Concurrent sweeps skip each other's rows.
    /// </summary>
    public async Task<IReadOnlyList<(Guid SessionId, Guid ImageId, string Key)>> DeleteExpiredPendingAsync(TimeSpan grace, int batch, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM images WHERE id IN (
                SELECT id FROM images
                WHERE status = 'pending' AND upload_expires_at < now() - @grace
                ORDER BY upload_expires_at LIMIT @batch FOR UPDATE SKIP LOCKED)
            RETURNING session_id, id, object_key
            """);
        command.Parameters.AddWithValue("grace", grace);
        command.Parameters.AddWithValue("batch", batch);
        var expired = new List<(Guid SessionId, Guid ImageId, string Key)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            expired.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2)));
        }
        return expired;
    }

    public async Task<bool> DeleteAsync(string ownerId, Guid sessionId, Guid imageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM images WHERE id = @id AND session_id = @session AND owner_id = @owner");
        AddKey(command, ownerId, sessionId, imageId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private Task<ImageRecord?> InsertAsync(string ownerId, Guid sessionId, Guid imageId, string key, string status,
        IngestResult.Stored? image, string? fileName, long? declaredSize, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        InsertAsync(dataSource.CreateCommand(), ownerId, sessionId, imageId, key, status, image, fileName, declaredSize, expiresAt, cancellationToken);

    private static async Task<ImageRecord?> InsertAsync(NpgsqlCommand command, string ownerId, Guid sessionId, Guid imageId, string key, string status,
        IngestResult.Stored? image, string? fileName, long? declaredSize, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        await using var disposing = command;
        // INSERT … SELECT: the row appears only if the session exists and is the owner's, in one statement.
        command.CommandText = $"""
            INSERT INTO images (id, session_id, owner_id, object_key, status, content_type, size_bytes, width, height, sha256, original_name, upload_expires_at, declared_size)
            SELECT @id, s.id, s.owner_id, @key, @status, @content_type, @size, @width, @height, @sha256, @file_name, @expires_at, @declared_size
            FROM sessions s WHERE s.id = @session AND s.owner_id = @owner
            RETURNING {Columns}
            """;
        AddKey(command, ownerId, sessionId, imageId);
        AddMetadata(command, image);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.Add(new NpgsqlParameter<string?>("file_name", NpgsqlDbType.Text) { TypedValue = fileName });
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("expires_at", NpgsqlDbType.TimestampTz) { TypedValue = expiresAt?.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<long?>("declared_size", NpgsqlDbType.Bigint) { TypedValue = declaredSize });
        try
        {
            return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault().Image;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return null; // the session was deleted while the image was being stored
        }
    }

    private static void AddKey(NpgsqlCommand command, string ownerId, Guid sessionId, Guid imageId)
    {
        command.Parameters.AddWithValue("id", imageId);
        command.Parameters.AddWithValue("session", sessionId);
        command.Parameters.AddWithValue("owner", ownerId);
    }

    private static void AddMetadata(NpgsqlCommand command, IngestResult.Stored? image)
    {
        command.Parameters.Add(new NpgsqlParameter<string?>("content_type", NpgsqlDbType.Text) { TypedValue = image?.ContentType });
        command.Parameters.Add(new NpgsqlParameter<long?>("size", NpgsqlDbType.Bigint) { TypedValue = image?.Size });
        command.Parameters.Add(new NpgsqlParameter<int?>("width", NpgsqlDbType.Integer) { TypedValue = image?.Width });
        command.Parameters.Add(new NpgsqlParameter<int?>("height", NpgsqlDbType.Integer) { TypedValue = image?.Height });
        command.Parameters.Add(new NpgsqlParameter<byte[]?>("sha256", NpgsqlDbType.Bytea) { TypedValue = image?.Sha256 });
    }

    private static async Task<List<(ImageRecord Image, PageCursor Cursor)>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(ImageRecord, PageCursor)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            var createdAt = reader.GetFieldValue<DateTime>(10);
            rows.Add((new ImageRecord(
                id,
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3) == "ready",
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                new DateTimeOffset(createdAt),
                reader.IsDBNull(11) ? null : reader.GetInt64(11)), new PageCursor(createdAt, id.ToString())));
        }
        return rows;
    }

    /// <summary>
    /// An image's row inserted in a transaction while its object is on its way to S3, so the insert's round
    /// trip overlaps the PUT; only the commit follows it. A reader never sees a ready image whose bytes are
    /// not stored yet, and a failed PUT leaves no row (disposing rolls back).
    /// </summary>
    internal sealed class ReadyImageRow(NpgsqlDataSource dataSource, string ownerId, Guid sessionId, Guid imageId, string key, string? fileName) : IAsyncDisposable
    {
        private NpgsqlConnection? _connection;
        private NpgsqlTransaction? _transaction;
        private ImageRecord? _record;

        /// <summary>Inserts the row, uncommitted; no row when the session is not the owner's (or is being deleted).</summary>
        public async Task InsertAsync(IngestResult.Stored image, CancellationToken cancellationToken)
        {
            _connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            _transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            _record = await ImageStore.InsertAsync(new NpgsqlCommand(null, _connection, _transaction), ownerId, sessionId, imageId, key, "ready",
                image, fileName, null, null, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Makes the row visible once its object is stored; null when there was none to make (see <see cref="InsertAsync"/>).</summary>
        public async Task<ImageRecord?> CommitAsync(CancellationToken cancellationToken)
        {
            if (_record is null || _transaction is null)
            {
                return null;
            }
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return _record;
        }

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
