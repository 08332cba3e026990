using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// Starts the GPU instance when GPU work waits and stops it after an idle period, on every replica
/// of the orchestrator but acting only on the one that holds the lease in the task store. Each poll:
/// take or renew the lease, read the queue's depth and the instance's state, decide, ask EC2, record.
/// </summary>
internal sealed partial class GpuController(
    IOptions<GpuOptions> options,
    GpuSharedStateStore store,
    GpuQueueProbe queue,
    GpuInstance instance,
    GpuMetrics metrics,
    TimeProvider time,
    ILogger<GpuController> logger) : BackgroundService
{
    private TaskCompletionSource _wake = NewWake();
    private readonly Lock _statusLock = new();
    private volatile GpuStatus? _status;
    private volatile bool _leaseHeld;

    /// <summary>Identifies this replica in the lease; unique per process, readable in <c>GET /api/gpu</c>.</summary>
    public string ReplicaId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private GpuOptions Options => options.Value;

    public GpuStatus Status => _status ?? new GpuStatus
    {
        InstanceId = Options.InstanceId, Enabled = Options.Enabled, ReplicaId = ReplicaId, IdleTimeout = Options.IdleTimeout,
    };

    /// <summary>
    /// Records an operator's command in the shared item, where the leader (this replica or another)
    /// carries it out on its next poll, and polls here at once. A stop holds automatic starts for
    /// <paramref name="hold"/> (the default hold when null; none when zero); a start lifts any hold.
    /// </summary>
    public async Task<GpuStatus> RequestAsync(GpuCommand command, TimeSpan? hold, CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            throw new InvalidOperationException("The GPU controller is disabled (Gpu:Enabled is false).");
        }
        var now = time.GetUtcNow();
        var request = new GpuManualRequest(Guid.NewGuid().ToString("N"), command, now, ReplicaId);
        var holdFor = command == GpuCommand.Stop ? hold ?? Options.ManualStopHold : TimeSpan.Zero;
        DateTimeOffset? holdUntil = holdFor > TimeSpan.Zero ? now + holdFor : null;
        await store.RequestAsync(request, holdUntil, cancellationToken).ConfigureAwait(false);
        var accepted = Update(status => status with { PendingRequest = request, HoldUntil = holdUntil });
        Wake();
        return accepted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            GpuLog.Disabled(logger);
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // A command recorded while this poll runs may have been missed by it: it cuts the next sleep short.
            var wake = NewWake();
            Volatile.Write(ref _wake, wake);
            try
            {
                await PollAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                failures++;
                Failed(exception, failures);
            }
            await SleepAsync(Delay(failures), wake.Task, stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!Options.Enabled || !_leaseHeld)
        {
            return;
        }
        try
        {
            await store.ReleaseAsync(ReplicaId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The lease then lapses on its own; another replica takes over after LeaseDuration.
            GpuLog.ReleaseFailed(logger, exception);
        }
    }

    /// <summary>The poll loop and operators' requests both change the status: one at a time, so neither loses the other's change.</summary>
    private GpuStatus Update(Func<GpuStatus, GpuStatus> change)
    {
        lock (_statusLock)
        {
            return _status = change(Status);
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>The poll interval, doubled after each consecutive failure up to MaxBackoff, so that an outage is not hammered.</summary>
    private TimeSpan Delay(int failures)
    {
        if (failures == 0)
        {
            return Options.PollInterval;
        }
        var backoff = Options.PollInterval * Math.Pow(2, Math.Min(failures - 1, 20));
        return backoff < Options.MaxBackoff ? backoff : TimeSpan.FromTicks(Math.Max(Options.MaxBackoff.Ticks, Options.PollInterval.Ticks));
    }

    private async Task SleepAsync(TimeSpan delay, Task woken, CancellationToken stoppingToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(Task.Delay(delay, time, sleeping.Token), woken).ConfigureAwait(false);
        await sleeping.CancelAsync().ConfigureAwait(false);
    }

    private void Failed(Exception exception, int failures)
    {
        metrics.Failed(exception);
        // Whatever the lease says, a replica that cannot complete a poll does not act: it shows as not leading.
        metrics.Observed(leader: false, observation: null);
        GpuLog.PollFailed(logger, exception, failures, Delay(failures));
        Update(status => status with { Leader = false, LastError = new GpuError(exception.Message, time.GetUtcNow()), Polls = status.Polls + 1 });
    }
}
