namespace Backend.Dashboard.Resources;

/// <summary>
/// What the dashboard shows about the application's resources, supplied by whoever runs them (the
/// AppHost's local runner): their state, and the console output of their processes.
/// </summary>
public interface IResourceSource
{
    /// <summary>Raised whenever a resource's state changes or it writes console output.</summary>
    event Action? Changed;

    /// <summary>Every resource of the application, in the order they were declared.</summary>
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>The most recent console output of a resource's processes (replicas interleaved), oldest first.</summary>
    /// <param name="resourceName">The resource's name.</param>
    IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName);
}

/// <summary>The state of one resource at one moment.</summary>
/// <param name="Name">The resource's name, unique in the application.</param>
/// <param name="Type">Project, Executable, PostgreSQL, SQS queue, DynamoDB table, S3 bucket, EC2 instance, Parameter.</param>
/// <param name="State">Waiting, Starting, Running, Stopping, Stopped, Exited, FailedToStart.</param>
/// <param name="Health">Healthy, Unhealthy, or null when the resource has no health check or is not running.</param>
/// <param name="Urls">Its endpoints (http URLs, or connection targets for infrastructure).</param>
/// <param name="Restarts">How many times it was restarted after a crash.</param>
/// <param name="ProcessIds">The process ids of its running replicas.</param>
/// <param name="ExitCode">The last exit code, if it exited.</param>
/// <param name="Message">Why it is in this state (a failed start, a wait), for people.</param>
/// <param name="StartedAt">When it last started.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string? Health,
    IReadOnlyList<string> Urls,
    int Restarts,
    IReadOnlyList<int> ProcessIds,
    int? ExitCode,
    string? Message,
    DateTimeOffset? StartedAt);

/// <summary>One line of console output.</summary>
/// <param name="Timestamp">When it was written.</param>
/// <param name="IsError">Whether it came from standard error.</param>
/// <param name="Text">The line.</param>
/// <param name="Replica">Which replica wrote it, when there are several.</param>
public sealed record ConsoleLogLine(DateTimeOffset Timestamp, bool IsError, string Text, int Replica = 0);
