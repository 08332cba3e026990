using System.Net;
using System.Net.Http.Headers;
using Amazon.S3.Model;
using Canvas.Api.Images;
using Canvas.Api.Sessions;

namespace Canvas.Api.Tests.Infrastructure;

public static class CanvasApiFactoryExtensions
{
    public static async Task<Session> CreateSessionAsync(this HttpClient client, string title = "canvas") =>
        await (await client.PostJsonAsync("/api/sessions", new { title })).ReadAsAsync<Session>(HttpStatusCode.Created);

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid sessionId, byte[] bytes, string contentType = "application/octet-stream")
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync($"/api/sessions/{sessionId}/images", content);
    }

    public static async Task<ImageResponse> UploadImageAsync(this HttpClient client, Guid sessionId, byte[] bytes) =>
        await (await client.UploadAsync(sessionId, bytes)).ReadAsAsync<ImageResponse>(HttpStatusCode.Created);

    /// <summary>Every key the bucket holds under <paramref name="prefix"/>.</summary>
    public static async Task<IReadOnlyList<string>> ListKeysAsync(this CanvasApiFactory api, string prefix)
    {
        var response = await api.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = api.BucketName, Prefix = prefix });
        return [.. (response.S3Objects ?? []).Select(item => item.Key)];
    }

    public static async Task<byte[]> ReadObjectAsync(this CanvasApiFactory api, string key)
    {
        using var response = await api.S3.GetObjectAsync(api.BucketName, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>The rows of a table in the class's database that match <paramref name="where"/>.</summary>
    public static async Task<long> CountRowsAsync(this CanvasApiFactory api, string table, string where = "true")
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(api.ConnectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE {where}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Fault injection in the real database: the next <paramref name="operation"/> (INSERT or UPDATE) on
    /// images whose new row matches <paramref name="when"/> fails with a transient error, once.
    /// </summary>
    public static async Task FailNextImageWriteAsync(this CanvasApiFactory api, string operation, string when)
    {
        var name = $"fail_{Guid.NewGuid():N}";
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(api.ConnectionString);
        // A sequence is not rolled back with the failed statement, so the trigger fires once.
        await using var command = dataSource.CreateCommand($$"""
            CREATE SEQUENCE {{name}}_seq;
            CREATE FUNCTION {{name}}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{{name}}_seq') = 1 THEN
                    RAISE EXCEPTION 'injected failure' USING ERRCODE = '40001';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {{name}} BEFORE {{operation}} ON images FOR EACH ROW
                WHEN ({{when}}) EXECUTE FUNCTION {{name}}();
            """);
        await command.ExecuteNonQueryAsync();
    }
}
