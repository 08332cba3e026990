using Microsoft.Extensions.Logging;

namespace Backend.Hosting.LocalRun;

internal static partial class LocalRunLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} replica {Replica} exited with code {ExitCode}; restarting in {BackoffSeconds} s")]
    public static partial void Crashed(ILogger logger, string resource, int replica, int exitCode, double backoffSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} is {State}{Detail}")]
    public static partial void StateChanged(ILogger logger, string resource, string state, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every resource is up in {Seconds:0.0} s")]
    public static partial void AllUp(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped everything in {Seconds:0.0} s")]
    public static partial void Stopped(ILogger logger, double seconds);
}
