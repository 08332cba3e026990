using Backend.Hosting.Emulators;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Local;

/// <summary>
/// fauxqs (npm <c>fauxqs@1.9.2</c>), the SQS and S3 emulator, in memory, on 127.0.0.1 only.
/// Its request body limit is 11 MiB: upload larger S3 objects in multipart parts of at most 8 MiB.
/// </summary>
public sealed class FauxqsEmulator : IAsyncDisposable
{
    private const string ReadyPrefix = "fauxqs ready on ";

    private FauxqsEmulator(ChildProcess process, Uri endpoint)
    {
        Process = process;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint for both SQS and S3 (path-style), e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The node process serving it.</summary>
    public ChildProcess Process { get; }

    /// <summary>Starts fauxqs on <paramref name="port"/> (0: any free port) and waits until it answers.</summary>
    public static async Task<FauxqsEmulator> StartAsync(int port = 0, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        await EmulatorPackages.EnsureInstalledAsync(logger, cancellationToken).ConfigureAwait(false);
        // Our launcher, not the package's CLI (which binds 0.0.0.0); with port 0 it reports the port it got.
        var process = await ChildProcess.StartAsync(new ChildProcessStartInfo("node")
        {
            Arguments = [Path.Combine(EmulatorPackages.Directory, "fauxqs-launcher.mjs"), port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            WorkingDirectory = EmulatorPackages.Directory,
            DisplayName = "fauxqs",
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var ready = await process.WaitForOutputAsync(line => line.StartsWith(ReadyPrefix, StringComparison.Ordinal), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var endpoint = new Uri(ready[ReadyPrefix.Length..].Trim() + "/");
            await HttpProbe.WaitUntilAnsweringAsync(endpoint, process, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            HostingLog.Ready(logger, "fauxqs", endpoint.ToString(), process.Id);
            return new FauxqsEmulator(process, endpoint);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the emulator (its data is lost).</summary>
    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
    }
}
