using System.Diagnostics;
using Backend.Hosting.Aws;
using Backend.Hosting.Emulators;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Local;

/// <summary>
/// PostgreSQL, fauxqs (SQS + S3) and dynalite (DynamoDB) as local child processes, started
/// concurrently and stopped together: the real dependencies for local runs and tests.
/// </summary>
public sealed class LocalDependencies : IAsyncDisposable
{
    private LocalDependencies(PostgresServer postgres, FauxqsEmulator fauxqs, DynaliteEmulator dynalite, string startupSummary)
    {
        Postgres = postgres;
        Fauxqs = fauxqs;
        Dynalite = dynalite;
        StartupSummary = startupSummary;
    }

    /// <summary>The PostgreSQL server.</summary>
    public PostgresServer Postgres { get; }

    /// <summary>The SQS and S3 emulator.</summary>
    public FauxqsEmulator Fauxqs { get; }

    /// <summary>The DynamoDB emulator.</summary>
    public DynaliteEmulator Dynalite { get; }

    /// <summary>The SQS endpoint.</summary>
    public Uri SqsEndpoint => Fauxqs.Endpoint;

    /// <summary>The S3 endpoint (path-style).</summary>
    public Uri S3Endpoint => Fauxqs.Endpoint;

    /// <summary>The DynamoDB endpoint.</summary>
    public Uri DynamoDbEndpoint => Dynalite.Endpoint;

    /// <summary>How long the start took, in total and per dependency.</summary>
    public string StartupSummary { get; }

    /// <summary>The ids of the processes serving the dependencies.</summary>
    public IReadOnlyList<int> ProcessIds => [Postgres.Process.Id, Fauxqs.Process.Id, Dynalite.Process.Id];

    /// <summary>Starts all three concurrently and waits until each answers.</summary>
    public static async Task<LocalDependencies> StartAsync(LocalDependenciesOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalDependenciesOptions();
        logger ??= NullLogger.Instance;
        var total = Stopwatch.StartNew();
        var postgres = Timed(() => PostgresServer.StartAsync(options.Postgres, logger, cancellationToken));
        // Both emulators need node_modules: install once (if needed) before starting either.
        var install = Timed(async () => { await EmulatorPackages.EnsureInstalledAsync(logger, cancellationToken).ConfigureAwait(false); return true; });
        var fauxqs = Timed(async () => { await install.ConfigureAwait(false); return await FauxqsEmulator.StartAsync(options.FauxqsPort, logger, cancellationToken).ConfigureAwait(false); });
        var dynalite = Timed(async () => { await install.ConfigureAwait(false); return await DynaliteEmulator.StartAsync(options.Dynalite, logger, cancellationToken).ConfigureAwait(false); });
        try
        {
            await Task.WhenAll(postgres, install, fauxqs, dynalite).ConfigureAwait(false);
        }
        catch
        {
            // Stop whatever did start, so that a failed start leaves no process behind.
            foreach (var started in (IAsyncDisposable?[])[Started(postgres), Started(fauxqs), Started(dynalite)])
            {
                if (started is not null)
                {
                    await started.DisposeAsync().ConfigureAwait(false);
                }
            }
            throw;
        }
        var summary = $"local dependencies ready in {total.Elapsed.TotalSeconds:0.0} s (postgres {postgres.Result.Elapsed.TotalSeconds:0.0} s, " +
            $"fauxqs {fauxqs.Result.Elapsed.TotalSeconds:0.0} s, dynalite {dynalite.Result.Elapsed.TotalSeconds:0.0} s, " +
            $"npm check/install {install.Result.Elapsed.TotalSeconds:0.0} s)";
        HostingLog.Summary(logger, summary);
        return new LocalDependencies(postgres.Result.Value, fauxqs.Result.Value, dynalite.Result.Value, summary);
    }

    /// <summary>The AWS SDK environment variables pointing a service process at the emulators.</summary>
    public IDictionary<string, string> GetAwsEnvironment() => AwsEmulatorClients.CreateEnvironment(SqsEndpoint, S3Endpoint, DynamoDbEndpoint);

    /// <summary>Stops all three and deletes temporary data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Postgres.DisposeAsync().AsTask(), Fauxqs.DisposeAsync().AsTask(), Dynalite.DisposeAsync().AsTask()).ConfigureAwait(false);
    }

    private static async Task<(T Value, TimeSpan Elapsed)> Timed<T>(Func<Task<T>> start)
    {
        var stopwatch = Stopwatch.StartNew();
        var value = await start().ConfigureAwait(false);
        return (value, stopwatch.Elapsed);
    }

    private static T? Started<T>(Task<(T Value, TimeSpan Elapsed)> start) where T : class =>
        start.IsCompletedSuccessfully ? start.Result.Value : null;
}
