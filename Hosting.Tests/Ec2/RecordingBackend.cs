using System.Collections.Concurrent;
using Backend.Hosting.Ec2;

namespace Backend.Hosting.Tests.Ec2;

/// <summary>
/// A backend that records its calls and can be held (to observe pending and stopping) or made
/// to fail, standing in for the GPU worker process the AppHost will attach.
/// </summary>
internal sealed class RecordingBackend : IEc2InstanceBackend
{
    private int _starts;

    public int Starts => Volatile.Read(ref _starts);

    /// <summary>The force flag of every stop call, in order.</summary>
    public ConcurrentQueue<bool> Stops { get; } = new();

    /// <summary>When set, starts wait for it.</summary>
    public TaskCompletionSource? HoldStarts { get; set; }

    /// <summary>When set, graceful stops wait for it (or for their token); forced stops do not.</summary>
    public TaskCompletionSource? HoldGracefulStops { get; set; }

    public Exception? FailStarts { get; set; }

    public Exception? FailStops { get; set; }

    public async Task StartAsync(string instanceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        if (HoldStarts is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }
        if (FailStarts is { } failure)
        {
            throw failure;
        }
    }

    public async Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken)
    {
        Stops.Enqueue(force);
        if (!force && HoldGracefulStops is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }
        if (FailStops is { } failure)
        {
            throw failure;
        }
    }
}
