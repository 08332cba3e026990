namespace Backend.Orchestrator.Gpu;

/// <summary>
/// What the replicas share through the controller's item in the task store: who leads and until
/// when, the idle clock (so that it survives a change of leader), an operator's pending command, the
/// hold a manual stop puts on automatic starts, and the leader's latest decisions for every replica to show.
/// </summary>
public sealed record GpuSharedState
{
    public static readonly GpuSharedState Empty = new();

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Since when the instance has been running with an empty queue; null while there is work or it is not running.</summary>
    public DateTimeOffset? IdleSince { get; init; }

    public GpuManualRequest? Request { get; init; }

    /// <summary>Until when a manual stop keeps queued work from starting the instance.</summary>
    public DateTimeOffset? HoldUntil { get; init; }

    /// <summary>The leader's latest decision, made on its latest poll.</summary>
    public GpuDecision? Decision { get; init; }

    /// <summary>The latest start or stop the leader asked EC2 for.</summary>
    public GpuDecision? LastAction { get; init; }
}
