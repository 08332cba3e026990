using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>Failures a test arms; the decorators below throw them once each, in front of the real store and queue.</summary>
public sealed class Faults
{
    private int _creates;
    private int _publishes;

    public void FailNextCreate() => Interlocked.Increment(ref _creates);

    public void FailNextPublish() => Interlocked.Increment(ref _publishes);

    internal static void ThrowIfArmed(ref int counter, string what)
    {
        if (Volatile.Read(ref counter) > 0 && Interlocked.Decrement(ref counter) >= 0)
        {
            throw new InjectedFaultException(what);
        }
    }

    internal void OnCreate() => ThrowIfArmed(ref _creates, "task store write");

    internal void OnPublish() => ThrowIfArmed(ref _publishes, "queue send");
}

public sealed class InjectedFaultException(string what) : Exception($"Injected failure of the {what}.");

/// <summary>The real DynamoDB store, whose create fails when a fault is armed.</summary>
public sealed class FaultyTaskStore(DynamoDbTaskStore inner, Faults faults) : ITaskStore
{
    public Task CreateAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        faults.OnCreate();
        return inner.CreateAsync(task, cancellationToken);
    }

    public Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken) => inner.GetAsync(taskId, cancellationToken);

    public Task<TaskPage> ListBySessionAsync(string sessionId, int limit, string? continuationToken, CancellationToken cancellationToken) =>
        inner.ListBySessionAsync(sessionId, limit, continuationToken, cancellationToken);

    public Task MarkSentAsync(string taskId, CancellationToken cancellationToken) => inner.MarkSentAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<string>> ListUnsentAsync(string queue, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken) =>
        inner.ListUnsentAsync(queue, createdBefore, limit, cancellationToken);

    public Task<TaskRecord?> TryStartAsync(string taskId, string leaseOwner, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner.TryStartAsync(taskId, leaseOwner, leaseDuration, cancellationToken);

    public Task<bool> RenewLeaseAsync(TaskLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner.RenewLeaseAsync(lease, leaseDuration, cancellationToken);

    public Task<bool> CompleteAsync(TaskLease lease, TaskResult result, CancellationToken cancellationToken) => inner.CompleteAsync(lease, result, cancellationToken);

    public Task<bool> FailAsync(TaskLease lease, string reason, CancellationToken cancellationToken) => inner.FailAsync(lease, reason, cancellationToken);

    public Task<bool> ReleaseAsync(TaskLease lease, string? reason, CancellationToken cancellationToken) => inner.ReleaseAsync(lease, reason, cancellationToken);

    public Task<bool> FailAbandonedAsync(string taskId, string reason, CancellationToken cancellationToken) =>
        inner.FailAbandonedAsync(taskId, reason, cancellationToken);

    public Task<TaskRecord?> CancelAsync(string taskId, CancellationToken cancellationToken) => inner.CancelAsync(taskId, cancellationToken);
}

/// <summary>The real SQS publisher, whose send fails when a fault is armed.</summary>
public sealed class FaultyPublisher(SqsTaskPublisher inner, Faults faults) : ITaskPublisher
{
    public Task PublishAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        faults.OnPublish();
        return inner.PublishAsync(task, cancellationToken);
    }
}
