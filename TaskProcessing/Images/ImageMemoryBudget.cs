using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Backend.TaskProcessing.Images;

public sealed class ImageMemoryOptions
{
    public const string SectionName = "ImageMemory";

    /// <summary>
    /// Bytes of decoded pixels (and the input held with them) that image work in this process may hold at
    /// once. The CPU worker shares the orchestrator's API process: four 100 MP decodes at ~400 MB each
    /// must queue, not take the API down. An image larger than the budget runs alone.
    /// </summary>
    [Range(16L * 1024 * 1024, long.MaxValue)]
    public long BudgetBytes { get; set; } = 512L * 1024 * 1024;
}

/// <summary>
/// A weighted, first-come first-served async semaphore over <see cref="ImageMemoryOptions.BudgetBytes"/>:
/// each image reserves what decoding it will cost (estimated from its header, before a pixel is decoded)
/// and waits until that much is free. <see cref="PeakReserved"/> says how close the process came.
/// </summary>
public sealed class ImageMemoryBudget(IOptions<ImageMemoryOptions> options)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = new();
    private long _reserved;
    private long _peak;

    public long Capacity { get; } = options.Value.BudgetBytes;

    public long Reserved { get { lock (_lock) { return _reserved; } } }

    public long PeakReserved { get { lock (_lock) { return _peak; } } }

    /// <summary>Waits until <paramref name="bytes"/> (capped at the capacity) are free, and holds them until the lease is disposed.</summary>
    public async Task<IDisposable> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        var amount = Math.Clamp(bytes, 1, Capacity);
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_lock)
        {
            // First come, first served: a large image is not starved by a stream of small ones.
            if (_waiting.Count == 0 && _reserved + amount <= Capacity)
            {
                Take(amount);
                return new Lease(this, amount);
            }
            node = _waiting.AddLast((amount, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }
        await using (cancellationToken.Register(() => Abandon(node)))
        {
            await node.Value.Item2.Task.ConfigureAwait(false);
        }
        return new Lease(this, amount);
    }

    private void Take(long amount)
    {
        _reserved += amount;
        _peak = Math.Max(_peak, _reserved);
    }

    private void Abandon(LinkedListNode<(long Bytes, TaskCompletionSource Ready)> node)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // already granted; its lease releases it
            }
            _waiting.Remove(node);
            node.Value.Ready.TrySetCanceled();
            Grant();
        }
    }

    private void Release(long amount)
    {
        lock (_lock)
        {
            _reserved -= amount;
            Grant();
        }
    }

    private void Grant()
    {
        while (_waiting.First is { } next && _reserved + next.Value.Bytes <= Capacity)
        {
            _waiting.RemoveFirst();
            Take(next.Value.Bytes);
            next.Value.Ready.TrySetResult();
        }
    }

    private sealed class Lease(ImageMemoryBudget budget, long amount) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Release(amount);
            }
        }
    }
}
