using Backend.TaskProcessing.Tasks;

namespace Backend.TaskProcessing.Store;

/// <summary>
/// Every status transition of a task, each one conditional single-item write (DynamoDB has
/// transactions, the emulator has none, and none is needed). A method that returns false or null
/// lost the race its condition guards: the caller re-reads and decides.
/// </summary>
public interface ITaskStore
{
    /// <summary>Writes a new task; throws <see cref="TaskAlreadyExistsException"/> when its id is taken.</summary>
    Task CreateAsync(TaskRecord task, CancellationToken cancellationToken);

    Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>The tasks of these ids that exist (at most <see cref="MaxBatch"/> ids), in one consistent batch read.</summary>
    Task<IReadOnlyList<TaskRecord>> GetManyAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken);

    /// <summary>DynamoDB's BatchGetItem limit, and so the batch endpoint's.</summary>
    public const int MaxBatch = 100;

    /// <summary>Tasks of a session, newest first.</summary>
    Task<TaskPage> ListBySessionAsync(string sessionId, int limit, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Removes the task from the outbox: its message is on the queue.</summary>
    Task MarkSentAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Ids of tasks of <paramref name="queue"/> still in the outbox and created before <paramref name="createdBefore"/>.</summary>
    Task<IReadOnlyList<string>> ListUnsentAsync(string queue, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// <c>queued → running</c> (or takes over a running task whose lease expired) with a new attempt and a
    /// lease for <paramref name="leaseOwner"/>; null when the task is not startable now.
    /// </summary>
    Task<TaskRecord?> TryStartAsync(string taskId, string leaseOwner, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends the lease of the attempt; false when the attempt no longer holds it.</summary>
    Task<bool> RenewLeaseAsync(TaskLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary><c>running → succeeded</c>, only for the attempt holding the lease.</summary>
    Task<bool> CompleteAsync(TaskLease lease, TaskResult result, CancellationToken cancellationToken);

    /// <summary><c>running → failed</c>, only for the attempt holding the lease.</summary>
    Task<bool> FailAsync(TaskLease lease, string reason, CancellationToken cancellationToken);

    /// <summary><c>running → queued</c>: the attempt gives the task back to be retried, noting why.</summary>
    Task<bool> ReleaseAsync(TaskLease lease, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Fails a task nobody is working on (its message was dead-lettered): <c>queued</c>, or <c>running</c>
    /// under a lease that expired. False when it is finished or a worker still holds its lease.
    /// </summary>
    Task<bool> FailAbandonedAsync(string taskId, string reason, CancellationToken cancellationToken);

    /// <summary><c>queued → cancelled</c>; null when the task is not queued.</summary>
    Task<TaskRecord?> CancelAsync(string taskId, CancellationToken cancellationToken);
}

/// <summary>Which attempt of a task holds it, and as whom.</summary>
public sealed record TaskLease(string TaskId, string Owner, int Attempt);

public sealed record TaskPage(IReadOnlyList<TaskRecord> Items, string? ContinuationToken);

public sealed class TaskAlreadyExistsException(string taskId)
    : Exception($"Task '{taskId}' already exists.")
{
    public string TaskId { get; } = taskId;
}

/// <summary>A continuation token that this store did not issue.</summary>
public sealed class InvalidContinuationTokenException(string message, Exception? inner = null) : Exception(message, inner);
