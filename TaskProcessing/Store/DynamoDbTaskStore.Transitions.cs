using Amazon.DynamoDBv2.Model;
using Backend.TaskProcessing.Tasks;
using static Backend.TaskProcessing.Store.TaskItems;
using static Backend.TaskProcessing.Store.TaskTable;

namespace Backend.TaskProcessing.Store;

// Each transition is one UpdateItem whose condition is the state it leaves. Attempts guarded by the
// lease (renew, complete, fail, release) name the owner and the attempt number: an attempt that lost
// its lease to a takeover can no longer write anything, so a task completes at most once.
public sealed partial class DynamoDbTaskStore
{
    private const string HoldsLease = "#status = :running AND #owner = :owner AND #attempts = :attempt";

    public async Task<TaskRecord?> TryStartAsync(string taskId, string leaseOwner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var item = await TryUpdateAsync(new UpdateItemRequest
        {
            Key = Key(taskId),
            UpdateExpression = "SET #status = :running, #attempts = #attempts + :one, #owner = :owner, #expires = :expires, " +
                "#updated = :now, #started = if_not_exists(#started, :now)",
            ConditionExpression = "attribute_exists(#id) AND (#status = :queued OR (#status = :running AND #expires < :nowMs))",
            ExpressionAttributeNames = Names(("#id", TaskId), ("#expires", LeaseExpiresAt), ("#started", StartedAt)),
            ExpressionAttributeValues = new()
            {
                [":running"] = S("running"),
                [":queued"] = S("queued"),
                [":one"] = N(1),
                [":owner"] = S(leaseOwner),
                [":expires"] = N((now + leaseDuration).ToUnixTimeMilliseconds()),
                [":now"] = S(Timestamp(now)),
                [":nowMs"] = N(now.ToUnixTimeMilliseconds()),
            },
        }, cancellationToken).ConfigureAwait(false);
        return item is null ? null : FromItem(item);
    }

    public async Task<bool> RenewLeaseAsync(TaskLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        await TryUpdateAsync(LeaseUpdate(lease, "SET #expires = :expires", new()
        {
            [":expires"] = N((clock.GetUtcNow() + leaseDuration).ToUnixTimeMilliseconds()),
        }), cancellationToken).ConfigureAwait(false) is not null;

    public async Task<bool> CompleteAsync(TaskLease lease, TaskResult result, CancellationToken cancellationToken) =>
        await TryUpdateAsync(LeaseUpdate(lease,
            "SET #status = :succeeded, #resultKey = :key, #resultType = :type, #width = :width, #height = :height, #size = :size, " +
            "#completed = :now, #updated = :now REMOVE #expires, #error", new()
            {
                [":succeeded"] = S("succeeded"),
                [":key"] = S(result.Key),
                [":type"] = S(result.ContentType),
                [":width"] = N(result.Width),
                [":height"] = N(result.Height),
                [":size"] = N(result.Size),
                [":now"] = S(Timestamp(clock.GetUtcNow())),
            }, ("#resultKey", ResultKey), ("#resultType", ResultContentType), ("#width", ResultWidth),
            ("#height", ResultHeight), ("#size", ResultSize), ("#completed", CompletedAt), ("#error", ErrorMessage)),
            cancellationToken).ConfigureAwait(false) is not null;

    public async Task<bool> FailAsync(TaskLease lease, string reason, CancellationToken cancellationToken) =>
        await TryUpdateAsync(LeaseUpdate(lease, "SET #status = :failed, #error = :error, #completed = :now, #updated = :now REMOVE #expires", new()
        {
            [":failed"] = S("failed"),
            [":error"] = S(reason),
            [":now"] = S(Timestamp(clock.GetUtcNow())),
        }, ("#error", ErrorMessage), ("#completed", CompletedAt)), cancellationToken).ConfigureAwait(false) is not null;

    public async Task<bool> ReleaseAsync(TaskLease lease, string? reason, CancellationToken cancellationToken) =>
        await TryUpdateAsync(LeaseUpdate(lease,
            reason is null ? "SET #status = :queued, #updated = :now REMOVE #expires" : "SET #status = :queued, #updated = :now, #error = :error REMOVE #expires",
            new() { [":queued"] = S("queued"), [":now"] = S(Timestamp(clock.GetUtcNow())), [":error"] = S(reason ?? "") },
            ("#error", ErrorMessage)), cancellationToken).ConfigureAwait(false) is not null;

    public async Task<bool> FailAbandonedAsync(string taskId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await TryUpdateAsync(new UpdateItemRequest
        {
            Key = Key(taskId),
            UpdateExpression = "SET #status = :failed, #error = :error, #completed = :now, #updated = :now REMOVE #owner, #expires, #outbox",
            // A running task whose worker still renews its lease is not abandoned, whatever became of one copy of its message.
            ConditionExpression = "attribute_exists(#id) AND (#status = :queued OR (#status = :running AND (attribute_not_exists(#expires) OR #expires < :nowMs)))",
            ExpressionAttributeNames = Names(("#id", TaskId), ("#error", ErrorMessage), ("#completed", CompletedAt), ("#expires", LeaseExpiresAt), ("#outbox", Outbox)),
            ExpressionAttributeValues = new()
            {
                [":failed"] = S("failed"),
                [":queued"] = S("queued"),
                [":running"] = S("running"),
                [":error"] = S(reason),
                [":now"] = S(Timestamp(now)),
                [":nowMs"] = N(now.ToUnixTimeMilliseconds()),
            },
        }, cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task<TaskRecord?> CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        var item = await TryUpdateAsync(new UpdateItemRequest
        {
            Key = Key(taskId),
            UpdateExpression = "SET #status = :cancelled, #completed = :now, #updated = :now REMOVE #outbox",
            ConditionExpression = "attribute_exists(#id) AND #status = :queued",
            ExpressionAttributeNames = Names(("#id", TaskId), ("#completed", CompletedAt), ("#outbox", Outbox)),
            ExpressionAttributeValues = new()
            {
                [":cancelled"] = S("cancelled"),
                [":queued"] = S("queued"),
                [":now"] = S(Timestamp(clock.GetUtcNow())),
            },
        }, cancellationToken).ConfigureAwait(false);
        return item is null ? null : FromItem(item);
    }

    private static UpdateItemRequest LeaseUpdate(
        TaskLease lease, string update, Dictionary<string, AttributeValue> values, params (string Placeholder, string Name)[] names)
    {
        values[":running"] = S("running");
        values[":owner"] = S(lease.Owner);
        values[":attempt"] = N(lease.Attempt);
        // The lease owner stays on a finished task: it tells which attempt finished it.
        return new UpdateItemRequest
        {
            Key = Key(lease.TaskId),
            UpdateExpression = update,
            ConditionExpression = HoldsLease,
            ExpressionAttributeNames = Names([("#expires", LeaseExpiresAt), .. names]),
            ExpressionAttributeValues = values,
        };
    }

    // The placeholders every transition may use; the ones an expression does not mention are dropped before sending.
    private static Dictionary<string, string> Names(params (string Placeholder, string Name)[] extra) =>
        new[] { ("#status", Status), ("#attempts", Attempts), ("#owner", LeaseOwner), ("#updated", UpdatedAt) }
            .Concat(extra)
            .DistinctBy(pair => pair.Item1)
            .ToDictionary(pair => pair.Item1, pair => pair.Item2);
}
