using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The controller's item in <c>task_store</c>. It lives beside the tasks under a key no task id can take
/// (task ids are GUIDs) and carries none of the attributes the table's indexes or TTL use
/// (<c>session_id</c>, <c>outbox</c>, <c>expires_at</c>), so it never shows up in a listing and never expires.
/// Times are epoch milliseconds.
/// </summary>
internal static class GpuSharedStateItem
{
    public const string PartitionKey = "task_id";
    public const string Key = "#controller/gpu";

    public const string LeaseOwner = "lease_owner";
    public const string LeaseExpiresAt = "lease_expires_at";
    public const string IdleSince = "idle_since";
    public const string HoldUntil = "hold_until";
    public const string RequestId = "request_id";
    public const string RequestCommand = "request_command";
    public const string RequestAt = "request_at";
    public const string RequestBy = "request_by";
    public const string Decision = "decision";
    public const string LastAction = "last_action";

    public static Dictionary<string, AttributeValue> ItemKey => new() { [PartitionKey] = new AttributeValue { S = Key } };

    public static GpuSharedState FromItem(Dictionary<string, AttributeValue>? item) => item is null || item.Count == 0
        ? GpuSharedState.Empty
        : new GpuSharedState
        {
            LeaseOwner = Text(item, LeaseOwner),
            LeaseExpiresAt = Time(item, LeaseExpiresAt),
            IdleSince = Time(item, IdleSince),
            HoldUntil = Time(item, HoldUntil),
            Request = Text(item, RequestId) is { } id && Enum.TryParse<GpuCommand>(Text(item, RequestCommand), out var command)
                ? new GpuManualRequest(id, command, Time(item, RequestAt) ?? DateTimeOffset.MinValue, Text(item, RequestBy) ?? "")
                : null,
            Decision = ToDecision(item, Decision),
            LastAction = ToDecision(item, LastAction),
        };

    public static AttributeValue FromDecision(GpuDecision decision) => new()
    {
        M = new Dictionary<string, AttributeValue>
        {
            ["action"] = S(decision.Action.ToString()),
            ["reason"] = S(decision.Reason),
            ["at"] = N(decision.At),
            ["by"] = S(decision.By),
        },
    };

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(DateTimeOffset time) => new() { N = time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) };

    private static GpuDecision? ToDecision(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.M is { Count: > 0 } map
            && Enum.TryParse<GpuAction>(Text(map, "action"), out var action)
            ? new GpuDecision(action, Text(map, "reason") ?? "", Time(map, "at") ?? DateTimeOffset.MinValue, Text(map, "by") ?? "")
            : null;

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
