using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ec2;

internal static partial class Ec2Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "EC2 emulator listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: {Previous} -> {Current} (transition {Transition})")]
    public static partial void StateChanged(ILogger logger, string instanceId, Ec2InstanceStateName previous, Ec2InstanceStateName current, long transition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the backend failed to start it; it goes back to stopped")]
    public static partial void BackendStartFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the backend failed to stop it; it stays stopping until a forced stop")]
    public static partial void BackendStopFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An EC2 instance transition failed unexpectedly")]
    public static partial void TransitionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An observer of EC2 instance state changes threw")]
    public static partial void ObserverFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Action} answered {Code}: {Message}")]
    public static partial void Refused(ILogger logger, string action, string code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Action} failed unexpectedly")]
    public static partial void RequestFailed(ILogger logger, string action, Exception exception);
}
