namespace Backend.TaskProcessing.Store;

/// <summary>
/// The shape of the <c>task_store</c> table, which whoever creates it (the AppHost, the test fixture,
/// the ECS publisher) must match:
/// <list type="bullet">
/// <item>partition key <c>task_id</c> (S); TTL attribute <c>expires_at</c> (epoch seconds);</item>
/// <item>GSI <c>by_session</c>: <c>session_id</c> (S) + <c>created_at</c> (S), projection ALL, for listing;</item>
/// <item>GSI <c>by_outbox</c>: <c>outbox</c> (S) + <c>created_at</c> (S), projection KEYS_ONLY. It is sparse:
/// only tasks whose queue message may not have been sent carry <c>outbox</c> (the queue's name).</item>
/// </list>
/// </summary>
public static class TaskTable
{
    public const string TaskId = "task_id";
    public const string SessionId = "session_id";
    public const string CreatedAt = "created_at";
    public const string ExpiresAt = "expires_at";
    public const string Outbox = "outbox";
    public const string BySessionIndex = "by_session";
    public const string ByOutboxIndex = "by_outbox";

    internal const string TaskType = "type";
    internal const string Status = "status";
    internal const string InputKey = "input_key";
    internal const string OutputPrefix = "output_prefix";
    internal const string Parameters = "parameters";
    internal const string Attempts = "attempts";
    internal const string UpdatedAt = "updated_at";
    internal const string StartedAt = "started_at";
    internal const string CompletedAt = "completed_at";
    internal const string ErrorMessage = "error";
    internal const string ResultKey = "result_key";
    internal const string ResultContentType = "result_content_type";
    internal const string ResultWidth = "result_width";
    internal const string ResultHeight = "result_height";
    internal const string ResultSize = "result_size";
    internal const string IdempotencyKey = "idempotency_key";
    internal const string RequestHash = "request_hash";
    internal const string LeaseOwner = "lease_owner";
    internal const string LeaseExpiresAt = "lease_expires_at";
}
