namespace Backend.Hosting.Ec2;

internal sealed partial class Ec2Instance
{
    private static readonly Ec2StateReason UserInitiatedShutdown =
        new("Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown");

    // A stop in progress: true from entering stopping until stopped, or until the backend's stop fails.
    private bool _stopInProgress;
    // Whether the stop in progress (or the next one) is forced.
    private bool _stopForced;
    // Interrupts a graceful stop (the backend's call and the stop delay) when a forced stop is requested.
    private CancellationTokenSource? _gracefulStop;

    /// <summary>
    /// Moves a running instance to stopping and stops the backend. On a stopping instance, a forced
    /// stop interrupts a graceful one, or retries a stop that failed, as EC2's Force does for an
    /// instance stuck in stopping. Anything else changes nothing.
    /// </summary>
    public Ec2InstanceStateChange Stop(bool force)
    {
        switch (Snapshot.State)
        {
            case Ec2InstanceStateName.Running:
                var change = MoveTo(Ec2InstanceStateName.Stopping, UserInitiatedShutdown, Initiated("User"));
                BeginStop(force);
                return change;
            case Ec2InstanceStateName.Stopping when force && !_stopInProgress:
                BeginStop(force: true);
                return Unchanged();
            case Ec2InstanceStateName.Stopping when force && !_stopForced:
                _stopForced = true;
                // Cancel without running the backend's callbacks here, under the lock.
                _ = _gracefulStop!.CancelAsync();
                return Unchanged();
            default:
                return Unchanged();
        }
    }

    private void BeginStop(bool force)
    {
        _stopInProgress = true;
        _stopForced = force;
        _gracefulStop?.Dispose();
        _gracefulStop = force ? null : CancellationTokenSource.CreateLinkedTokenSource(_table.Disposing);
        var graceful = _gracefulStop;
        _table.Run(() => CompleteStopAsync(graceful));
    }

    /// <summary>Stopped once the backend has stopped and (unless forced) the stop delay has passed.</summary>
    private async Task CompleteStopAsync(CancellationTokenSource? graceful)
    {
        var token = graceful?.Token ?? _table.Disposing;
        var delay = graceful is null ? Task.CompletedTask : Task.Delay(_table.Options.StopDelay, _table.Options.TimeProvider, token);
        var force = graceful is null;
        while (true)
        {
            try
            {
                await _table.Backend.StopAsync(Id, force, force ? _table.Disposing : token).ConfigureAwait(false);
                break;
            }
            catch (Exception exception) when (!_table.Disposing.IsCancellationRequested)
            {
                if (!force && graceful!.IsCancellationRequested)
                {
                    force = true; // a forced stop was requested while the graceful one ran
                    continue;
                }
                Ec2Log.BackendStopFailed(_table.Logger, Id, exception);
                lock (_table.Lock)
                {
                    _stopInProgress = false;
                    MoveTo(
                        Ec2InstanceStateName.Stopping,
                        new Ec2StateReason("Server.InternalError", $"Server.InternalError: Internal error on stop ({exception.Message})"),
                        Snapshot.StateTransitionReason);
                }
                return;
            }
        }
        try
        {
            await delay.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_table.Disposing.IsCancellationRequested)
        {
            // A forced stop skips what is left of the graceful stop's delay.
        }
        lock (_table.Lock)
        {
            _stopInProgress = false;
            MoveTo(Ec2InstanceStateName.Stopped, UserInitiatedShutdown, Snapshot.StateTransitionReason);
        }
    }
}
