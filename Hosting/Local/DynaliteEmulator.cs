using System.Globalization;
using Backend.Hosting.Emulators;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Local;

/// <summary>
/// dynalite (npm <c>dynalite@4.0.0</c>), the DynamoDB emulator, on 127.0.0.1 only. It supports
/// conditional writes, GSIs and paging, but not Transact*, PartiQL or UpdateTimeToLive.
/// </summary>
public sealed class DynaliteEmulator : IAsyncDisposable
{
    private DynaliteEmulator(ChildProcess process, Uri endpoint)
    {
        Process = process;
        Endpoint = endpoint;
    }

    /// <summary>The DynamoDB endpoint, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The node process serving it.</summary>
    public ChildProcess Process { get; }

    /// <summary>Starts dynalite and waits until it answers.</summary>
    public static async Task<DynaliteEmulator> StartAsync(DynaliteOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new DynaliteOptions();
        logger ??= NullLogger.Instance;
        await EmulatorPackages.EnsureInstalledAsync(logger, cancellationToken).ConfigureAwait(false);
        if (options.DataDirectory is { } dataDirectory)
        {
            Directory.CreateDirectory(dataDirectory);
        }
        // dynalite cannot listen on port 0 (its CLI reads 0 as "unset"), so we pick the port.
        return await FreePort.StartWithRetryAsync(options.Port, "dynalite", logger, port => StartOnAsync(port, options, logger, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<DynaliteEmulator> StartOnAsync(int port, DynaliteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var process = await ChildProcess.StartAsync(new ChildProcessStartInfo("node")
        {
            Arguments =
            [
                Path.Combine(EmulatorPackages.Directory, "node_modules", "dynalite", "cli.js"),
                "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
                // Tables are ACTIVE at once instead of after 500 ms: nothing here tests the CREATING state.
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0",
                .. options.DataDirectory is { } path ? (string[])["--path", Path.GetFullPath(path)] : [],
            ],
            WorkingDirectory = EmulatorPackages.Directory,
            DisplayName = "dynalite",
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            await process.WaitForOutputAsync(line => line.StartsWith("Dynalite listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var endpoint = new Uri($"http://127.0.0.1:{port}/");
            await HttpProbe.WaitUntilAnsweringAsync(endpoint, process, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            HostingLog.Ready(logger, "dynalite", endpoint.ToString(), process.Id);
            return new DynaliteEmulator(process, endpoint);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the emulator; in-memory tables are lost.</summary>
    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
    }
}
