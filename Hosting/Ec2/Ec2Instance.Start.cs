namespace Backend.Hosting.Ec2;

internal sealed partial class Ec2Instance
{
    /// <summary>Moves a stopped instance to pending and starts the backend; otherwise changes nothing.</summary>
    public Ec2InstanceStateChange Start()
    {
        if (Snapshot.State is not Ec2InstanceStateName.Stopped)
        {
            return Unchanged();
        }
        // EC2 reports the reason "pending" while an instance starts.
        var change = MoveTo(Ec2InstanceStateName.Pending, new Ec2StateReason("pending", "pending"), "", launched: true);
        _table.Run(CompleteStartAsync);
        return change;
    }

    /// <summary>Running once the backend has started and the start delay has passed; stopped if the backend failed.</summary>
    private async Task CompleteStartAsync()
    {
        var delay = Task.Delay(_table.Options.StartDelay, _table.Options.TimeProvider, _table.Disposing);
        try
        {
            await _table.Backend.StartAsync(Id, _table.Disposing).ConfigureAwait(false);
        }
        catch (Exception exception) when (!_table.Disposing.IsCancellationRequested)
        {
            Ec2Log.BackendStartFailed(_table.Logger, Id, exception);
            lock (_table.Lock)
            {
                // EC2's reason when it cannot launch an instance; the backend's message says why.
                MoveTo(
                    Ec2InstanceStateName.Stopped,
                    new Ec2StateReason("Server.InternalError", $"Server.InternalError: Internal error on launch ({exception.Message})"),
                    Initiated("Server"));
            }
            return;
        }
        await delay.ConfigureAwait(false);
        lock (_table.Lock)
        {
            // Nothing else leaves pending (a stop is refused there), so the instance is still pending.
            MoveTo(Ec2InstanceStateName.Running, reason: null, "");
        }
    }
}
