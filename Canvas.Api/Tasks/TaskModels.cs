using System.Text.Json;

namespace Canvas.Api.Tasks;

/// <summary>Work to run on an image: <c>thumbnail</c> and <c>convert</c> (CPU), <c>upscale</c> and <c>generate</c> (GPU).</summary>
public sealed record SubmitTaskRequest(string? Type, JsonElement? Parameters);

/// <summary>A task with its current status from the orchestrator, and a URL to its result once there is one.</summary>
public sealed record TaskResponse(
    string Id,
    Guid SessionId,
    Guid? ImageId,
    string Type,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    TaskResultResponse? Result);

public sealed record TaskResultResponse(Uri Url, DateTimeOffset? UrlExpiresAt, string? ContentType, int? Width, int? Height, long? Size);

/// <summary>A row of the tasks table: whose task it is.</summary>
internal sealed record TaskRecord(string Id, Guid SessionId, Guid? ImageId, string Type, DateTimeOffset CreatedAt);

internal static class TaskTypes
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { "thumbnail", "convert", "upscale", "generate" };

    /// <summary>What a listing says when the orchestrator no longer knows a task.</summary>
    public const string UnknownStatus = "unknown";
}
