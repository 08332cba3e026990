using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Backend.Hosting.Testing;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>
/// The real DynamoDB client, except that its next <c>throttled</c> BatchGetItem requests are answered as a
/// throttled table answers: of each request only the first key is read, the others come back unprocessed
/// (none at all when <c>nothingRead</c>).
/// </summary>
#pragma warning disable CA1852 // DispatchProxy.Create derives from it
public class ThrottledBatchReads : ForwardingProxy<IAmazonDynamoDB>
#pragma warning restore CA1852
{
    private int _throttled;
    private bool _nothingRead;
    private int _batchGets;

    /// <summary>BatchGetItem requests made so far.</summary>
    public int BatchGets => Volatile.Read(ref _batchGets);

    public static (IAmazonDynamoDB Client, ThrottledBatchReads Throttle) Wrap(IAmazonDynamoDB inner, int throttled, bool nothingRead = false)
    {
        var (client, throttle) = Wrap<ThrottledBatchReads>(inner);
        (throttle._throttled, throttle._nothingRead) = (throttled, nothingRead);
        return (client, throttle);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.BatchGetItemAsync) && args is [BatchGetItemRequest request, CancellationToken token])
        {
            Interlocked.Increment(ref _batchGets);
            if (Interlocked.Decrement(ref _throttled) >= 0)
            {
                return ThrottledAsync(request, token);
            }
        }
        return Forward(targetMethod, args);
    }

    private async Task<BatchGetItemResponse> ThrottledAsync(BatchGetItemRequest request, CancellationToken cancellationToken)
    {
        var (table, asked) = request.RequestItems.Single();
        var read = _nothingRead ? [] : asked.Keys.Take(1).ToList();
        var response = read.Count == 0
            ? new BatchGetItemResponse { Responses = [] }
            : await Inner.BatchGetItemAsync(new BatchGetItemRequest
            {
                RequestItems = new() { [table] = new KeysAndAttributes { Keys = read, ConsistentRead = asked.ConsistentRead } },
            }, cancellationToken);
        response.UnprocessedKeys = new() { [table] = new KeysAndAttributes { Keys = [.. asked.Keys.Skip(read.Count)], ConsistentRead = asked.ConsistentRead } };
        return response;
    }
}

/// <summary>A clock whose timers fire at once, keeping the delays asked of it: backoffs checked without waiting them out.</summary>
public sealed class InstantDelays : TimeProvider
{
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_delays)
        {
            _delays.Add(dueTime);
        }
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
