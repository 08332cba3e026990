using System.Globalization;
using Backend.Hosting.Local;
using Backend.Hosting.Testing;

namespace Backend.Benchmarks.AppHost;

/// <summary>What one start-to-stop run of an AppHost measured.</summary>
internal sealed record RunFigures(TimeSpan Ready, string ReadyDetail, IReadOnlyDictionary<string, long> PssByGroup, int Processes, TimeSpan OursGone, TimeSpan AllGone)
{
    public long PssTotal => PssByGroup.Values.Sum();
}

/// <summary>
/// One AppHost, started as F5 starts it, ready once what a developer waits for answers; then its memory, then Ctrl+C.
/// </summary>
internal abstract class AppHostRun(string project)
{
    /// <summary>The memory groups, in print order.</summary>
    public static readonly string[] Groups = ["AppHost", "DCP", "dashboard", "services", "executables"];

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    public abstract string Name { get; }

    public async Task<RunFigures> MeasureAsync(string repository, string configuration, CancellationToken cancellationToken)
    {
        await using var appHost = BuiltAppHost.Start(Path.Combine(repository, project), configuration, Arguments());
        try
        {
            if (ProcessTree.IgnoresInterrupt(appHost.Id))
            {
                throw new InvalidOperationException("the AppHost ignores SIGINT: its stop could not be measured");
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ReadyTimeout);
            var ready = WhenReadyAsync(appHost, deadline.Token);
            var (up, detail) = await await Task.WhenAny(ready, Fail(appHost.ExitedAsync(deadline.Token)));
            await deadline.CancelAsync();

            // Memory once the start's own work (JIT, first health checks, the dashboard's first render of state) is done.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var processes = appHost.Processes();
            var pss = Groups.ToDictionary(g => g, _ => 0L);
            foreach (var process in processes)
            {
                pss[GroupOf(process, appHost.Id)] += ProcessTree.PssBytes(process.Id);
            }

            var (oursGone, allGone) = await appHost.InterruptAsync(StopTimeout, cancellationToken);
            return new RunFigures(up, detail, pss, processes.Count, oursGone, allGone);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{Name}: {exception.Message}\n--- its last output:\n{appHost.Tail(40)}", exception);
        }
    }

    protected abstract IEnumerable<string> Arguments();

    /// <summary>The time since start at which everything a developer waits for answers, and what answered when.</summary>
    protected abstract Task<(TimeSpan Ready, string Detail)> WhenReadyAsync(BuiltAppHost appHost, CancellationToken cancellationToken);

    /// <summary>The time since start at which <paramref name="condition"/> first held, tried every 50 ms.</summary>
    protected static async Task<TimeSpan> PollAsync(BuiltAppHost appHost, Func<CancellationToken, Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition(cancellationToken))
        {
            await Task.Delay(50, cancellationToken);
        }
        return appHost.Elapsed;
    }

    /// <summary>Whether an HTTP GET of <paramref name="url"/> answers, and (with <paramref name="ok"/>) answers 200.</summary>
    protected static async Task<bool> AnswersAsync(HttpClient client, Uri url, bool ok, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            return !ok || response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    protected static HttpClient Client() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(2) };

    protected static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string GroupOf(ProcessInfo process, int appHost) => process switch
    {
        _ when process.Id == appHost || process.ParentId == appHost => "AppHost",
        { IsDcp: true } => "DCP",
        _ when process.Executable.EndsWith("/Aspire.Dashboard", StringComparison.Ordinal) => "dashboard",
        { Arguments: ["dotnet", var assembly, ..] } when assembly.EndsWith(".dll", StringComparison.Ordinal) => "services",
        _ => "executables",
    };

    private static async Task<(TimeSpan, string)> Fail(Task<TimeSpan> exited) => (await exited, "");
}

/// <summary>The floor: Aspire itself (DCP and the dashboard) running one executable that does nothing.</summary>
internal sealed class BareAppHostRun() : AppHostRun("Benchmarks/BareAppHost")
{
    public override string Name => "bare AppHost";

    protected override IEnumerable<string> Arguments() => [];

    protected override async Task<(TimeSpan, string)> WhenReadyAsync(BuiltAppHost appHost, CancellationToken cancellationToken)
    {
        using var client = Client();
        var dashboard = PollAsync(appHost, token => AnswersAsync(client, appHost.Dashboard, ok: false, token), cancellationToken);
        var sleeper = PollAsync(appHost, _ => Task.FromResult(appHost.Processes().Any(p => p.Arguments is ["sleep", "infinity"])), cancellationToken);
        var times = await Task.WhenAll(dashboard, sleeper);
        return (times.Max(), $"dashboard {Seconds(times[0])}, executable {Seconds(times[1])}");
    }
}

/// <summary>
/// AppHost/: ready when Canvas.Api is healthy (the AppHost prints "canvas-api is ready at" then), the orchestrator's
/// /health answers 200 and the dashboard answers. Everything else is behind those: the orchestrator waits for the queues,
/// table and bucket, Canvas.Api for the database, and gpu-instance is Stopped before any resource starts.
/// </summary>
internal sealed class OurAppHostRun() : AppHostRun("AppHost")
{
    private readonly int _canvasApiPort = FreePort.Next();
    private readonly int _orchestratorPort = FreePort.Next();

    public override string Name => "AppHost";

    protected override IEnumerable<string> Arguments() =>
    [
        $"--Ports:canvas-api={_canvasApiPort}",
        $"--Ports:orchestrator={_orchestratorPort}",
        // Given, so that no generated secret lands in the developer's user secrets.
        $"--Parameters:supabase-jwt-secret={Guid.NewGuid():N}{Guid.NewGuid():N}",
        $"--Parameters:orchestrator-api-key={Guid.NewGuid():N}",
    ];

    protected override async Task<(TimeSpan, string)> WhenReadyAsync(BuiltAppHost appHost, CancellationToken cancellationToken)
    {
        using var client = Client();
        var dashboard = PollAsync(appHost, token => AnswersAsync(client, appHost.Dashboard, ok: false, token), cancellationToken);
        var orchestrator = PollAsync(appHost, token => AnswersAsync(client, new Uri($"http://127.0.0.1:{_orchestratorPort}/health"), ok: true, token), cancellationToken);
        var canvasApi = WhenPrintedAsync(appHost, "canvas-api is ready at", cancellationToken);
        var times = await Task.WhenAll(dashboard, orchestrator, canvasApi);
        return (times.Max(), $"dashboard {Seconds(times[0])}, orchestrator {Seconds(times[1])}, canvas-api {Seconds(times[2])}");
    }

    private static async Task<TimeSpan> WhenPrintedAsync(BuiltAppHost appHost, string text, CancellationToken cancellationToken) =>
        (await appHost.WhenPrinted(text).WaitAsync(cancellationToken)).At;
}
