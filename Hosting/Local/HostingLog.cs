using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Local;

/// <summary>The log messages of the local dependencies (source-generated, so they cost nothing when off).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Information, "Installing the emulators with npm ci in {Directory}")]
    public static partial void NpmInstalling(ILogger logger, string directory);

    [LoggerMessage(2, LogLevel.Information, "npm ci finished in {Seconds:0.0} s")]
    public static partial void NpmInstalled(ILogger logger, double seconds);

    [LoggerMessage(3, LogLevel.Information, "{Name} ready at {Endpoint} (pid {ProcessId})")]
    public static partial void Ready(ILogger logger, string name, string endpoint, int processId);

    [LoggerMessage(4, LogLevel.Information, "PostgreSQL cluster initialized in {DataDirectory}")]
    public static partial void PostgresInitialized(ILogger logger, string dataDirectory);

    [LoggerMessage(5, LogLevel.Information, "{Summary}")]
    public static partial void Summary(ILogger logger, string summary);

    [LoggerMessage(6, LogLevel.Warning, "{Name} failed to start on port {Port}, retrying on another port: {Reason}")]
    public static partial void PortRetry(ILogger logger, string name, int port, string reason);
}
