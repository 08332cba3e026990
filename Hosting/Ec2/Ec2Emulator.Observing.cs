namespace Backend.Hosting.Ec2;

public sealed partial class Ec2Emulator
{
    /// <summary>
    /// Raised for every recorded change of an instance, in the order the changes happened. It is
    /// raised while the emulator's lock is held, which is what keeps the order: handlers must be
    /// quick (post to a console or a channel) and must not wait for the emulator. A handler that
    /// throws is logged and does not affect the instance or other handlers.
    /// </summary>
    public event EventHandler<Ec2InstanceStateChange>? StateChanged;

    /// <summary>Waits until an instance is in a state (returns at once if it already is).</summary>
    /// <param name="instanceId">A declared instance.</param>
    /// <param name="state">The state to wait for.</param>
    /// <param name="cancellationToken">Ends the wait; use a timeout token to bound it.</param>
    /// <returns>The instance as it was when it entered the state.</returns>
    /// <exception cref="KeyNotFoundException">No instance with this id was declared.</exception>
    public async Task<Ec2InstanceSnapshot> WaitForStateAsync(
        string instanceId, Ec2InstanceStateName state, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource<Ec2InstanceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, Ec2InstanceStateChange change)
        {
            if (change.Current.InstanceId == instanceId && change.Current.State == state)
            {
                reached.TrySetResult(change.Current);
            }
        }
        // Subscribe before looking, so that a change in between is not missed.
        StateChanged += OnChanged;
        try
        {
            var now = GetInstance(instanceId);
            return now.State == state ? now : await reached.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StateChanged -= OnChanged;
        }
    }

    private void Publish(Ec2InstanceStateChange change)
    {
        foreach (var handler in StateChanged?.GetInvocationList().Cast<EventHandler<Ec2InstanceStateChange>>() ?? [])
        {
            try
            {
                handler(this, change);
            }
            catch (Exception exception)
            {
                // An observer (a console, a dashboard) must not break the state machine it watches.
                Ec2Log.ObserverFailed(_logger, exception);
            }
        }
    }
}
