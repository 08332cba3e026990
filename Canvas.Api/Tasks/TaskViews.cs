using System.Text.Json;
using Canvas.Api.Images;

namespace Canvas.Api.Tasks;

/// <summary>Joins our record of a task with the orchestrator's view of it.</summary>
internal sealed class TaskViews(ImageUrls urls)
{
    public async Task<TaskResponse> ToResponseAsync(TaskRecord record, OrchestratorTask? task)
    {
        if (task is null)
        {
            return new TaskResponse(record.Id, record.SessionId, record.ImageId, record.Type, TaskTypes.UnknownStatus, 0,
                record.CreatedAt, null, null, null, null);
        }
        TaskResultResponse? result = null;
        // Only keys under the session's results prefix get a URL: a presigned URL is a grant, and a
        // confused or compromised orchestrator must not turn it into one for somebody else's object.
        if (task.Result is { Key: { } key } found && key.StartsWith(ObjectKeys.Results(record.SessionId), StringComparison.Ordinal) && !key.Contains("..", StringComparison.Ordinal))
        {
            var url = await urls.ForKeyAsync(key).ConfigureAwait(false);
            result = new TaskResultResponse(url.Url, url.ExpiresAt, found.ContentType, found.Width, found.Height, found.Size);
        }
        return new TaskResponse(record.Id, record.SessionId, record.ImageId, task.Type, task.Status, task.Attempts,
            record.CreatedAt, task.UpdatedAt, task.CompletedAt, ErrorText(task.Error), result);
    }

    private static string? ErrorText(JsonElement? error) => error switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } problem when problem.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString(),
        { } other => other.GetRawText(),
    };
}
