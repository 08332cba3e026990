using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>Failures a test arms; the decorators below throw them once each, in front of the real store and queue.</summary>
public sealed class Faults
{
    private int _creates;
    private int _publishes;
    private volatile bool _storeDown;
    private int _refused;

    /// <summary>Every store call throws until <see cref="EndStoreOutage"/>, as when DynamoDB is unreachable.</summary>
    public void StartStoreOutage() => _storeDown = true;

    public void EndStoreOutage() => _storeDown = false;

    /// <summary>Store calls refused by an outage so far.</summary>
    public int StoreCallsRefused => Volatile.Read(ref _refused);

    public void FailNextCreate() => Interlocked.Increment(ref _creates);

    public void FailNextPublish() => Interlocked.Increment(ref _publishes);

    internal static void ThrowIfArmed(ref int counter, string what)
    {
        if (Volatile.Read(ref counter) > 0 && Interlocked.Decrement(ref counter) >= 0)
        {
            throw new InjectedFaultException(what);
        }
    }

    internal void OnCreate()
    {
        OnStoreCall();
        ThrowIfArmed(ref _creates, "task store write");
    }

    internal void OnStoreCall()
    {
        if (_storeDown)
        {
            Interlocked.Increment(ref _refused);
            throw new InjectedFaultException("task store (outage)");
        }
    }

    internal void OnPublish() => ThrowIfArmed(ref _publishes, "queue send");
}

/// <summary>What the AWS SDK throws when DynamoDB or SQS fails, so that callers handle it as they would the real thing.</summary>
public sealed class InjectedFaultException(string what) : Amazon.Runtime.AmazonServiceException($"Injected failure of the {what}.");

/// <summary>The real DynamoDB store, whose create fails when a fault is armed and whose every call fails during an outage.</summary>
public sealed class FaultyTaskStore(DynamoDbTaskStore inner, Faults faults) : ITaskStore
{
    public Task CreateAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        faults.OnCreate();
        return inner.CreateAsync(task, cancellationToken);
    }

    public Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.GetAsync(taskId, cancellationToken);
    }

    public Task<IReadOnlyList<TaskRecord>> GetManyAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.GetManyAsync(taskIds, cancellationToken);
    }

    public Task<TaskPage> ListBySessionAsync(string sessionId, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.ListBySessionAsync(sessionId, limit, continuationToken, cancellationToken);
    }

    public Task MarkSentAsync(string taskId, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.MarkSentAsync(taskId, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListUnsentAsync(string queue, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.ListUnsentAsync(queue, createdBefore, limit, cancellationToken);
    }

    public Task<TaskRecord?> TryStartAsync(string taskId, string leaseOwner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.TryStartAsync(taskId, leaseOwner, leaseDuration, cancellationToken);
    }

    public Task<bool> RenewLeaseAsync(TaskLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.RenewLeaseAsync(lease, leaseDuration, cancellationToken);
    }

    public Task<bool> CompleteAsync(TaskLease lease, TaskResult result, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.CompleteAsync(lease, result, cancellationToken);
    }

    public Task<bool> FailAsync(TaskLease lease, string reason, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.FailAsync(lease, reason, cancellationToken);
    }

    public Task<bool> ReleaseAsync(TaskLease lease, string? reason, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.ReleaseAsync(lease, reason, cancellationToken);
    }

    public Task<bool> FailAbandonedAsync(string taskId, string reason, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.FailAbandonedAsync(taskId, reason, cancellationToken);
    }

    public Task<TaskRecord?> CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        faults.OnStoreCall();
        return inner.CancelAsync(taskId, cancellationToken);
    }
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
