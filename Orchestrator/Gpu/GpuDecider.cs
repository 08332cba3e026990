using static Backend.Orchestrator.Gpu.GpuFormat;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The controller's rules, free of I/O so that every race can be tested as a table of cases. GPU work
/// is anything in the queue (visible, in flight or delayed); the idle clock runs only while the
/// instance is running with none of it; transitions in progress (pending, stopping) are waited out.
/// </summary>
internal static class GpuDecider
{
    /// <param name="observation">The instance's state and the queue's depth, just read.</param>
    /// <param name="shared">The idle clock, operator command and hold from the shared item.</param>
    /// <param name="stateSince">Since when this replica has seen the instance in its current state.</param>
    /// <param name="options">Timeouts.</param>
    public static GpuPlan Decide(GpuObservation observation, GpuSharedState shared, DateTimeOffset stateSince, GpuOptions options)
    {
        var (state, depth, now) = observation;
        var idleSince = state == GpuInstanceState.Running && depth.Total == 0 ? shared.IdleSince ?? now : (DateTimeOffset?)null;
        return shared.Request is { } request
            ? DecideRequest(request, state, idleSince)
            : DecideAutomatically(observation, shared, idleSince, now - stateSince, options);
    }

    /// <summary>
    /// An operator's command is tried whatever the last Describe said: EC2 judges the state, and a
    /// refusal (a start while stopping, a stop while pending) keeps the command for the next poll.
    /// </summary>
    private static GpuPlan DecideRequest(GpuManualRequest request, GpuInstanceState state, DateTimeOffset? idleSince) =>
        (request.Command, state) switch
        {
            (GpuCommand.Start, GpuInstanceState.Stopped or GpuInstanceState.Stopping) =>
                new(GpuAction.Start, $"operator start requested by {request.By}", idleSince, request),
            (GpuCommand.Start, GpuInstanceState.Pending or GpuInstanceState.Running) =>
                new(GpuAction.None, $"operator start: the instance is already {Name(state)}", idleSince, request, RequestSettled: true),
            (GpuCommand.Stop, GpuInstanceState.Running or GpuInstanceState.Pending) =>
                new(GpuAction.Stop, $"operator stop requested by {request.By}", idleSince, request),
            (GpuCommand.Stop, GpuInstanceState.Stopping or GpuInstanceState.Stopped) =>
                new(GpuAction.None, $"operator stop: the instance is already {Name(state)}", idleSince, request, RequestSettled: true),
            _ => new(GpuAction.None, $"operator {Name(request.Command)} dropped: the instance is {Name(state)}", idleSince, request,
                RequestSettled: true, Problem: $"The GPU instance is {Name(state)}."),
        };

    private static GpuPlan DecideAutomatically(
        GpuObservation observation, GpuSharedState shared, DateTimeOffset? idleSince, TimeSpan inState, GpuOptions options)
    {
        var (state, depth, now) = observation;
        var work = depth.Total;
        switch (state)
        {
            case GpuInstanceState.Stopped when work > 0 && shared.HoldUntil > now:
                return new(GpuAction.None, $"{Messages(work)} waiting, but an operator stop holds the instance stopped until {Time(shared.HoldUntil.Value)}", idleSince);
            case GpuInstanceState.Stopped when work > 0:
                return new(GpuAction.Start, $"{Messages(work)} waiting and the instance is stopped", idleSince);
            case GpuInstanceState.Stopped:
                return new(GpuAction.None, "stopped with no GPU work", idleSince);
            case GpuInstanceState.Pending when inState > options.StartTimeout:
                return new(GpuAction.Wait, $"still pending after {Duration(inState)}", idleSince,
                    Problem: $"The GPU instance has been pending longer than Gpu:StartTimeout ({Duration(options.StartTimeout)}).");
            case GpuInstanceState.Pending:
                return new(GpuAction.Wait, $"starting; {Messages(work)} waiting", idleSince);
            case GpuInstanceState.Running when idleSince is { } since && now - since >= options.IdleTimeout:
                return new(GpuAction.Stop, $"no GPU work for {Duration(now - since)} (idle timeout {Duration(options.IdleTimeout)})", idleSince);
            case GpuInstanceState.Running when idleSince is { } since:
                return new(GpuAction.None, $"idle for {Duration(now - since)} of {Duration(options.IdleTimeout)}", idleSince);
            case GpuInstanceState.Running:
                return new(GpuAction.None, $"busy: {Messages(depth)}", idleSince);
            case GpuInstanceState.Stopping when inState > options.StopTimeout:
                return new(GpuAction.ForceStop, $"stuck in stopping for {Duration(inState)} (stop timeout {Duration(options.StopTimeout)})", idleSince);
            case GpuInstanceState.Stopping when work > 0 && !(shared.HoldUntil > now):
                // The start intent is not lost: the next poll that sees the instance stopped starts it.
                return new(GpuAction.Wait, $"stopping; {Messages(work)} waiting: will start once stopped", idleSince);
            case GpuInstanceState.Stopping:
                return new(GpuAction.Wait, "stopping", idleSince);
            default:
                return new(GpuAction.None, $"the instance is {Name(state)}", idleSince, Problem: $"The GPU instance is {Name(state)}.");
        }
    }
}
