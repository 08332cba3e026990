namespace Backend.Orchestrator.Gpu;

internal static partial class GpuLog
{
    [LoggerMessage(1, LogLevel.Information, "GPU instance {InstanceId}: {Action} ({Reason})")]
    public static partial void Acted(ILogger logger, string instanceId, GpuAction action, string reason);

    [LoggerMessage(2, LogLevel.Debug, "GPU instance {InstanceId} {State}, queue {Depth}: {Action} ({Reason})")]
    public static partial void Decided(ILogger logger, string instanceId, GpuInstanceState state, int depth, GpuAction action, string reason);

    [LoggerMessage(3, LogLevel.Warning, "GPU controller poll failed (attempt {Failures}); next poll in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, int failures, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "GPU controller replica {ReplicaId} {Change} the lease (holder before: {Previous})")]
    public static partial void LeaseChanged(ILogger logger, string replicaId, string change, string? previous);

    [LoggerMessage(5, LogLevel.Warning, "GPU instance {InstanceId}: {Problem}")]
    public static partial void Problem(ILogger logger, string instanceId, string problem);

    [LoggerMessage(6, LogLevel.Information, "GPU controller disabled (Gpu:Enabled is false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(7, LogLevel.Warning, "GPU controller could not release its lease on shutdown")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception);
}
