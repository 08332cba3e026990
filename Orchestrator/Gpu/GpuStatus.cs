namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The answer of <c>GET /api/gpu</c>: the instance and queue as this replica last saw them, who leads,
/// and the leader's idle clock, pending operator command and decisions (shared, so every replica shows them).
/// </summary>
public sealed record GpuStatus
{
    public required string InstanceId { get; init; }

    public required bool Enabled { get; init; }

    public GpuInstanceState State { get; init; }

    public GpuQueueDepth? Queue { get; init; }

    public DateTimeOffset? ObservedAt { get; init; }

    public required string ReplicaId { get; init; }

    /// <summary>Whether this replica holds the lease and so is the one that acts.</summary>
    public bool Leader { get; init; }

    public string? LeaderId { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    public DateTimeOffset? IdleSince { get; init; }

    public TimeSpan IdleTimeout { get; init; }

    /// <summary>When the instance will be stopped if the queue stays empty.</summary>
    public DateTimeOffset? StopDueAt => IdleSince + IdleTimeout;

    /// <summary>Until when an operator's stop keeps queued work from starting the instance.</summary>
    public DateTimeOffset? HoldUntil { get; init; }

    public GpuManualRequest? PendingRequest { get; init; }

    /// <summary>The latest poll's decision.</summary>
    public GpuDecision? Decision { get; init; }

    /// <summary>The latest start or stop asked of EC2.</summary>
    public GpuDecision? LastAction { get; init; }

    /// <summary>This replica's latest failure (it stays, with its time, after later polls succeed).</summary>
    public GpuError? LastError { get; init; }

    /// <summary>Polls this replica has completed, failed ones included.</summary>
    public long Polls { get; init; }
}
