namespace Backend.Orchestrator.Gpu;

/// <summary>What the leader means to do after one observation, before asking EC2.</summary>
/// <param name="Action">None, Wait, Start, Stop or ForceStop.</param>
/// <param name="Reason">Why, in words an operator reads at <c>GET /api/gpu</c>.</param>
/// <param name="IdleSince">The idle clock after this observation.</param>
/// <param name="Request">The operator's command this plan carries out, if any: it is cleared once EC2 accepts (or it is moot).</param>
/// <param name="RequestSettled">True when the command needs no EC2 call (the instance is already where it was asked to be).</param>
/// <param name="Problem">Something an operator should look at (an instance stuck in pending, terminated), if any.</param>
internal sealed record GpuPlan(
    GpuAction Action,
    string Reason,
    DateTimeOffset? IdleSince,
    GpuManualRequest? Request = null,
    bool RequestSettled = false,
    string? Problem = null)
{
    public bool IsManual => Request is not null;

    public bool CallsEc2 => Action is GpuAction.Start or GpuAction.Stop or GpuAction.ForceStop;
}
