using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tasks;

/// <summary>
/// Reads a JSON body of at most <see cref="MaxBytes"/> itself instead of relying on model binding: the limit
/// holds on any server (Kestrel or the test server) and with chunked bodies, and every failure becomes a
/// precise 400 or 413 ProblemDetails rather than an empty 400.
/// </summary>
public sealed class JsonBody(IOptions<JsonOptions> json)
{
    public const int MaxBytes = 64 * 1024;

    public async Task<JsonBodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return JsonBodyResult.TooLarge<T>();
        }
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonBodyResult.Invalid<T>("body", "The body must be JSON (Content-Type: application/json).");
        }
        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.Buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return JsonBodyResult.TooLarge<T>();
            }
            if (read.IsCompleted)
            {
                break;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        try
        {
            return Parse<T>(read.Buffer);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    private JsonBodyResult<T> Parse<T>(ReadOnlySequence<byte> body) where T : class
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            return JsonSerializer.Deserialize<T>(ref reader, json.Value.SerializerOptions) is { } value
                ? JsonBodyResult.Ok(value)
                : JsonBodyResult.Invalid<T>("body", "The body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            // The path names the field; the exception's own message names .NET types and stays in the logs.
            var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
            return JsonBodyResult.Invalid<T>(path, exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"'{path}' is not a field of this request."
                : $"'{path}' is malformed JSON or has the wrong type.");
        }
    }
}

public sealed record JsonBodyResult<T>(T? Value, int Status, Dictionary<string, string[]>? Errors) where T : class;

public static class JsonBodyResult
{
    public static JsonBodyResult<T> Ok<T>(T value) where T : class => new(value, StatusCodes.Status200OK, null);

    public static JsonBodyResult<T> TooLarge<T>() where T : class => new(null, StatusCodes.Status413PayloadTooLarge, null);

    public static JsonBodyResult<T> Invalid<T>(string field, string message) where T : class =>
        new(null, StatusCodes.Status400BadRequest, new() { [field] = [message] });
}
