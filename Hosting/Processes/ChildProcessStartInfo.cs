using System.Runtime.InteropServices;

namespace Backend.Hosting.Processes;

/// <summary>What to start as a <see cref="ChildProcess"/>.</summary>
/// <param name="FileName">The program: an absolute path or a name looked up on <c>PATH</c>.</param>
public sealed record ChildProcessStartInfo(string FileName)
{
    /// <summary>The arguments, passed as they are (no shell quoting).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The working directory; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables to set (a null value removes the variable).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// The user to run as when the current process is root (PostgreSQL refuses to run as root);
    /// ignored otherwise, since only root can switch users.
    /// </summary>
    public string? RunAsUser { get; init; }

    /// <summary>A short name for logs and error messages; the program's file name when null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>How many output lines the in-memory log keeps.</summary>
    public int OutputCapacity { get; init; } = 2000;

    /// <summary>Called for every stdout/stderr line, on a reader thread.</summary>
    public Action<ProcessOutputLine>? OnOutput { get; init; }

    /// <summary>
    /// The signal <see cref="ChildProcess.StopAsync"/> sends first. SIGTERM suits most programs;
    /// PostgreSQL wants SIGINT (its "fast" shutdown), because SIGTERM waits for clients to disconnect.
    /// </summary>
    public PosixSignal StopSignal { get; init; } = PosixSignal.SIGTERM;
}
