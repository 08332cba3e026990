namespace Backend.Orchestrator.Gpu;

internal sealed partial class GpuController
{
    private GpuObservation? _previous;
    private DateTimeOffset _stateSince;
    private string? _problem;

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Measured from before the write, so this replica's idea of its lease never outlasts the item's.
        var leaseValidUntil = now + Options.LeaseDuration;
        var (leader, shared) = await store.TryAcquireAsync(ReplicaId, now, leaseValidUntil, cancellationToken).ConfigureAwait(false);
        _leaseHeld = leader;
        if (leader != Status.Leader)
        {
            GpuLog.LeaseChanged(logger, ReplicaId, leader ? "took" : "lost", leader ? Status.LeaderId : shared.LeaseOwner);
        }
        var observation = await ObserveAsync(cancellationToken).ConfigureAwait(false);
        if (!leader)
        {
            _previous = null;
            metrics.Observed(leader: false, observation);
            Publish(observation, shared, leader: false);
            return;
        }
        if (_previous is { } previous)
        {
            metrics.Elapsed(previous, observation.At - previous.At);
        }
        _previous = observation;

        var plan = GpuDecider.Decide(observation, shared, _stateSince, Options);
        ReportProblem(plan.Problem, observation.At);
        var outcome = await CarryOutAsync(plan, leaseValidUntil, cancellationToken).ConfigureAwait(false);
        var decision = new GpuDecision(outcome.Action, outcome.Reason, observation.At, ReplicaId);
        var action = outcome.Acted ? decision : null;
        Log(observation, decision, outcome.Acted);

        if (!await store.SaveAsync(ReplicaId, outcome.IdleSince, decision, action, cancellationToken).ConfigureAwait(false))
        {
            // Another replica took over while this one polled (it stalled past its lease): its state stands.
            _leaseHeld = false;
            GpuLog.LeaseChanged(logger, ReplicaId, "lost", ReplicaId);
            metrics.Observed(leader: false, observation);
            Publish(observation, await store.ReadAsync(cancellationToken).ConfigureAwait(false), leader: false);
            return;
        }
        if (plan.Request is { } request && (plan.RequestSettled || outcome.Acted))
        {
            await store.ClearRequestAsync(request.Id, cancellationToken).ConfigureAwait(false);
            shared = shared with { Request = null };
        }
        metrics.Observed(leader: true, observation);
        Publish(observation, shared with
        {
            LeaseOwner = ReplicaId, LeaseExpiresAt = leaseValidUntil, IdleSince = outcome.IdleSince,
            Decision = decision, LastAction = action ?? shared.LastAction,
        }, leader: true);
    }

    private async Task<GpuObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var depth = queue.ReadDepthAsync(cancellationToken);
        var state = instance.DescribeAsync(cancellationToken);
        await Task.WhenAll(depth, state).ConfigureAwait(false);
        var observation = new GpuObservation(state.Result, depth.Result, time.GetUtcNow());
        if (observation.State != Status.State || Status.ObservedAt is null)
        {
            _stateSince = observation.At;
            _problem = null;
        }
        return observation;
    }

    private void Publish(GpuObservation observation, GpuSharedState shared, bool leader) => Update(status => status with
    {
        State = observation.State,
        Queue = observation.Depth,
        ObservedAt = observation.At,
        Leader = leader,
        LeaderId = shared.LeaseExpiresAt > observation.At ? shared.LeaseOwner : null,
        LeaseExpiresAt = shared.LeaseExpiresAt,
        IdleSince = shared.IdleSince,
        HoldUntil = shared.HoldUntil > observation.At ? shared.HoldUntil : null,
        PendingRequest = shared.Request,
        Decision = shared.Decision,
        LastAction = shared.LastAction,
        Polls = status.Polls + 1,
    });

    /// <summary>A problem is logged once per state it arises in, and shown as the last error.</summary>
    private void ReportProblem(string? problem, DateTimeOffset at)
    {
        if (problem is null || problem == _problem)
        {
            return;
        }
        _problem = problem;
        GpuLog.Problem(logger, Options.InstanceId, problem);
        Update(status => status with { LastError = new GpuError(problem, at) });
    }

    private void Log(GpuObservation observation, GpuDecision decision, bool acted)
    {
        if (acted || decision.Action is GpuAction.Deferred or GpuAction.StopCancelled)
        {
            GpuLog.Acted(logger, Options.InstanceId, decision.Action, decision.Reason);
        }
        else
        {
            GpuLog.Decided(logger, Options.InstanceId, observation.State, observation.Depth.Total, decision.Action, decision.Reason);
        }
    }
}
