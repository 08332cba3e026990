using static Backend.Orchestrator.Gpu.GpuFormat;

namespace Backend.Orchestrator.Gpu;

internal sealed partial class GpuController
{
    /// <summary>What a poll ended up doing: <paramref name="Acted"/> when EC2 accepted a start or stop.</summary>
    private sealed record Outcome(GpuAction Action, string Reason, DateTimeOffset? IdleSince, bool Acted = false);

    private async Task<Outcome> CarryOutAsync(GpuPlan plan, DateTimeOffset leaseValidUntil, CancellationToken cancellationToken)
    {
        if (!plan.CallsEc2)
        {
            return new Outcome(plan.Action, plan.Reason, plan.IdleSince);
        }
        // The lease is the only thing keeping two replicas from acting at once: never act on one about to lapse.
        if (time.GetUtcNow() >= leaseValidUntil - Options.PollInterval / 2)
        {
            return new Outcome(GpuAction.Wait, $"{plan.Reason}; not acting: this replica's lease is about to expire", plan.IdleSince);
        }
        if (plan is { Action: GpuAction.Stop, IsManual: false })
        {
            // A task may have arrived since the observation: look again right before stopping, so it does not wait for a whole stop-start cycle.
            var depth = await queue.ReadDepthAsync(cancellationToken).ConfigureAwait(false);
            if (depth.Total > 0)
            {
                metrics.StopCalledOff();
                return new Outcome(GpuAction.StopCancelled, $"stop called off: {Messages(depth)} arrived", IdleSince: null);
            }
        }
        var result = plan.Action switch
        {
            GpuAction.Start => await instance.StartAsync(cancellationToken).ConfigureAwait(false),
            _ => await instance.StopAsync(force: plan.Action == GpuAction.ForceStop, cancellationToken).ConfigureAwait(false),
        };
        if (!result.IsAccepted)
        {
            // An expected race (a start while stopping, a stop while pending): the intent stays and the next poll tries again.
            metrics.Deferred(plan.Action);
            return new Outcome(GpuAction.Deferred, $"{plan.Reason}; EC2 refused: {result.RefusedBecause} Retrying on the next poll.", plan.IdleSince);
        }
        Count(plan, result);
        if (plan.Action == GpuAction.ForceStop)
        {
            // The stop timeout starts over, so a stuck instance is forced once per StopTimeout rather than on every poll.
            _stateSince = time.GetUtcNow();
        }
        return new Outcome(plan.Action, plan.Reason, IdleSince: null, Acted: true);
    }

    /// <summary>Counts only real transitions: EC2 also accepts a start of a pending instance, which starts nothing.</summary>
    private void Count(GpuPlan plan, GpuEc2Result result)
    {
        if (plan.Action == GpuAction.Start && result.Previous == GpuInstanceState.Stopped)
        {
            metrics.Started(plan.IsManual);
        }
        else if (plan.Action != GpuAction.Start && result.Previous is GpuInstanceState.Running or GpuInstanceState.Pending
            || plan.Action == GpuAction.ForceStop)
        {
            metrics.Stopped(plan.IsManual, force: plan.Action == GpuAction.ForceStop);
        }
    }
}
