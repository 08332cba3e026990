using System.Diagnostics;
using System.Reflection;
using Backend.Hosting.Local;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Emulators;

/// <summary>
/// The npm packages of the emulators (fauxqs, dynalite), pinned by the <c>package-lock.json</c> in
/// this directory of the source tree and installed with <c>npm ci</c> on first use.
/// </summary>
public static class EmulatorPackages
{
    /// <summary>The environment variable that overrides <see cref="Directory"/>.</summary>
    public const string DirectoryVariable = "BACKEND_EMULATORS_DIR";

    private const string InstalledMarker = ".backend-installed";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    /// <summary>
    /// The directory holding <c>package.json</c>: <c>BACKEND_EMULATORS_DIR</c> when set, else the
    /// source directory recorded in this assembly at build time.
    /// </summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } overridden
            ? overridden
            : typeof(EmulatorPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "EmulatorsDirectory").Value!;

    /// <summary>
    /// Runs <c>npm ci</c> when <c>node_modules</c> is missing or older than <c>package-lock.json</c>,
    /// under a file lock, since several test processes may start at once.
    /// </summary>
    public static async Task EnsureInstalledAsync(ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        if (_installed)
        {
            return;
        }
        await InstallGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Executables.Resolve("node");
            if (!IsUpToDate())
            {
                await using var fileLock = await TakeLockAsync(cancellationToken).ConfigureAwait(false);
                // Another process may have installed while we waited for the lock.
                if (!IsUpToDate())
                {
                    await InstallAsync(logger ?? NullLogger.Instance, cancellationToken).ConfigureAwait(false);
                }
            }
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static bool IsUpToDate()
    {
        var marker = new FileInfo(Path.Combine(Directory, "node_modules", InstalledMarker));
        return marker.Exists && marker.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(Directory, "package-lock.json"));
    }

    private static async Task InstallAsync(ILogger logger, CancellationToken cancellationToken)
    {
        HostingLog.NpmInstalling(logger, Directory);
        var stopwatch = Stopwatch.StartNew();
        await ChildProcess.RunAsync(new ChildProcessStartInfo("npm")
        {
            Arguments = ["ci", "--no-audit", "--no-fund"],
            WorkingDirectory = Directory,
            DisplayName = "npm ci",
        }, cancellationToken).ConfigureAwait(false);
        // Our own marker, written only after success: an interrupted npm ci leaves a node_modules behind.
        await File.WriteAllTextAsync(Path.Combine(Directory, "node_modules", InstalledMarker), DateTimeOffset.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
        HostingLog.NpmInstalled(logger, stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task<FileStream> TakeLockAsync(CancellationToken cancellationToken)
    {
        // The lock file stays: deleting it on close would let two processes lock two different inodes.
        var path = Path.Combine(Directory, ".npm-install.lock");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive flock(2) on Linux, honoured across processes.
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    await Task.Delay(200, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalDependencyException($"Timed out waiting for another process's npm ci in {Directory} (lock file {path}).");
        }
    }
}
