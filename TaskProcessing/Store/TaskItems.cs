using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Backend.TaskProcessing.Tasks;
using static Backend.TaskProcessing.Store.TaskTable;

namespace Backend.TaskProcessing.Store;

/// <summary>Maps a <see cref="TaskRecord"/> to its DynamoDB item and back.</summary>
internal static class TaskItems
{
    public static Dictionary<string, AttributeValue> ToItem(TaskRecord task, DateTimeOffset expiresAt)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TaskId] = S(task.Id),
            [TaskType] = S(task.Type),
            [Status] = S(task.Status.ToWire()),
            [OutputPrefix] = S(task.OutputPrefix),
            [Parameters] = S(task.Parameters.GetRawText()),
            [Attempts] = N(task.Attempts),
            [CreatedAt] = S(Timestamp(task.CreatedAt)),
            [UpdatedAt] = S(Timestamp(task.UpdatedAt)),
            [ExpiresAt] = N(expiresAt.ToUnixTimeSeconds()),
        };
        AddIfSet(item, SessionId, task.SessionId);
        AddIfSet(item, InputKey, task.InputKey);
        AddIfSet(item, IdempotencyKey, task.IdempotencyKey);
        AddIfSet(item, RequestHash, task.RequestHash);
        if (task.Unsent)
        {
            item[Outbox] = S(task.Queue);
        }
        return item;
    }

    public static TaskRecord FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        Id = item[TaskId].S,
        Type = item[TaskType].S,
        Status = TaskStates.Parse(item[Status].S),
        SessionId = Text(item, SessionId),
        InputKey = Text(item, InputKey),
        OutputPrefix = item[OutputPrefix].S,
        Parameters = JsonDocument.Parse(item[Parameters].S).RootElement.Clone(),
        Attempts = (int)Number(item, Attempts).GetValueOrDefault(),
        CreatedAt = ParseTimestamp(item[CreatedAt].S),
        UpdatedAt = ParseTimestamp(item[UpdatedAt].S),
        StartedAt = Text(item, StartedAt) is { } started ? ParseTimestamp(started) : null,
        CompletedAt = Text(item, CompletedAt) is { } completed ? ParseTimestamp(completed) : null,
        Error = Text(item, ErrorMessage),
        Result = Text(item, ResultKey) is { } key
            ? new TaskResult(key, Text(item, ResultContentType) ?? "application/octet-stream",
                (int)Number(item, ResultWidth).GetValueOrDefault(), (int)Number(item, ResultHeight).GetValueOrDefault(),
                Number(item, ResultSize).GetValueOrDefault())
            : null,
        IdempotencyKey = Text(item, IdempotencyKey),
        RequestHash = Text(item, RequestHash),
        LeaseOwner = Text(item, LeaseOwner),
        LeaseExpiresAt = Number(item, LeaseExpiresAt) is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null,
        Unsent = item.ContainsKey(Outbox),
    };

    // Fixed width, so that created_at sorts as text in the indexes.
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static void AddIfSet(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            item[name] = S(value);
        }
    }

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } text ? text : null;

    private static long? Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? long.Parse(number, CultureInfo.InvariantCulture) : null;
}
