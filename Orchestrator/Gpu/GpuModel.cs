using System.Text.Json.Serialization;

namespace Backend.Orchestrator.Gpu;

/// <summary>The EC2 states the controller tells apart; <see cref="Unknown"/> until the first read succeeds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GpuInstanceState>))]
public enum GpuInstanceState
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("stopping")] Stopping,
    [JsonStringEnumMemberName("stopped")] Stopped,
    [JsonStringEnumMemberName("shutting-down")] ShuttingDown,
    [JsonStringEnumMemberName("terminated")] Terminated,
}

/// <summary>What one poll decided (or did) about the instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GpuAction>))]
public enum GpuAction
{
    /// <summary>Nothing to do: the instance is where it should be.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>A transition is in progress (pending, stopping); an intent, if any, is kept for a later poll.</summary>
    [JsonStringEnumMemberName("wait")] Wait,

    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("stop")] Stop,

    /// <summary>A stop repeated with Force because the instance stayed in stopping too long.</summary>
    [JsonStringEnumMemberName("force-stop")] ForceStop,

    /// <summary>EC2 refused a start or stop for the instance's state (IncorrectInstanceState): retried on a later poll.</summary>
    [JsonStringEnumMemberName("deferred")] Deferred,

    /// <summary>An idle stop called off because GPU work arrived just before it.</summary>
    [JsonStringEnumMemberName("stop-cancelled")] StopCancelled,
}

/// <summary>An operator's command, kept in the shared controller item until the leader has carried it out.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GpuCommand>))]
public enum GpuCommand
{
    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("stop")] Stop,
}

/// <summary>The GPU queue's approximate depth; every part counts as work, so a message being processed keeps the instance up.</summary>
public sealed record GpuQueueDepth(int Visible, int InFlight, int Delayed)
{
    public int Total => Visible + InFlight + Delayed;
}

/// <summary>One read of the queue and the instance.</summary>
public sealed record GpuObservation(GpuInstanceState State, GpuQueueDepth Depth, DateTimeOffset At);

/// <summary>A decision with its reason, when it was made and by which replica.</summary>
public sealed record GpuDecision(GpuAction Action, string Reason, DateTimeOffset At, string By);

/// <summary>An operator's pending command.</summary>
public sealed record GpuManualRequest(string Id, GpuCommand Command, DateTimeOffset At, string By);

/// <summary>The last failure of a poll (reading the queue, the instance or the lease, or an EC2 call).</summary>
public sealed record GpuError(string Message, DateTimeOffset At);
