using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backend.TaskProcessing.Tasks;

/// <summary>
/// The body of a queue message: only the task's identity. Everything else is read from the store, which
/// stays the one source of truth (a message re-sent by the outbox sweeper can never carry stale data).
/// </summary>
public sealed record TaskMessage(string TaskId, string Type)
{
    public string ToJson() => JsonSerializer.Serialize(this, TaskMessageJson.Default.TaskMessage);

    /// <summary>The message, or null when the body is not one of ours.</summary>
    public static TaskMessage? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(body, TaskMessageJson.Default.TaskMessage) is { TaskId.Length: > 0, Type.Length: > 0 } message
                ? message
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskMessage))]
internal sealed partial class TaskMessageJson : JsonSerializerContext;
