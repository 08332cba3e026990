using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Backend.Hosting.Testing;

namespace Backend.Benchmarks.AppHost;

/// <summary>
/// How F5 measures, side by side with its floor, a bare Aspire AppHost (DCP, the dashboard, one executable) started the
/// same way in the same run: warm start (built) until everything a developer waits for answers, the PSS of every process
/// of the run, and the time from Ctrl+C until ours are gone and until everything, DCP included, is gone.
/// </summary>
internal static class AppHostStartupBenchmark
{
    private const double StartGoal = 1.5;
    private const long MemoryGoalMiB = 512;
    private const double StopGoalSeconds = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args is ["--rounds", var count, ..] ? int.Parse(count, CultureInfo.InvariantCulture) : 3;
        var repository = Repository.Root;
        // The benchmark's project references build both AppHosts in its own configuration.
        var configuration = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        Console.WriteLine($"AppHost vs a bare Aspire AppHost, {Environment.ProcessorCount} cores (load average {LoadAverage()}), {configuration} build output, " +
            $"{rounds} rounds each, alternating (after one unmeasured run of each)");

        // Ctrl+C or SIGTERM: let the runs kill what they started rather than leave it running.
        using var stopping = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var figures = new Dictionary<string, List<RunFigures>>();
        try
        {
            await MeasureAsync(repository, configuration, rounds, figures, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped; what the benchmark started is gone");
            return 130;
        }
        Print(figures["bare AppHost"], figures["AppHost"]);
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }

    private static async Task MeasureAsync(string repository, string configuration, int rounds, Dictionary<string, List<RunFigures>> figures, CancellationToken cancellationToken)
    {
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var run in new AppHostRun[] { new BareAppHostRun(), new OurAppHostRun() })
            {
                var measured = await run.MeasureAsync(repository, configuration, cancellationToken);
                var label = round == 0 ? "warm-up" : $"round {round}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {run.Name,-12} {label}: ready in {measured.Ready.TotalSeconds:0.00} s ({measured.ReadyDetail}); " +
                    $"PSS {MiB(measured.PssTotal)} MiB in {measured.Processes} processes; " +
                    $"Ctrl+C → ours gone {measured.OursGone.TotalSeconds:0.00} s, all gone {measured.AllGone.TotalSeconds:0.00} s"));
                if (round > 0)
                {
                    (figures.TryGetValue(run.Name, out var list) ? list : figures[run.Name] = []).Add(measured);
                }
            }
        }
    }

    private static void Print(List<RunFigures> bare, List<RunFigures> ours)
    {
        var (bareReady, oursReady) = (Median(bare, r => r.Ready.TotalSeconds), Median(ours, r => r.Ready.TotalSeconds));
        Console.WriteLine();
        Console.WriteLine("median of rounds                     bare AppHost      AppHost");
        Line("warm start to ready", $"{bareReady,9:0.00} s", $"{oursReady,9:0.00} s",
            $"{oursReady / bareReady:0.00}× the floor (goal ≤ {StartGoal:0.0}×)");
        Console.WriteLine("memory when ready (PSS)");
        foreach (var group in AppHostRun.Groups)
        {
            Line($"  {group}", $"{MiB(Median(bare, r => r.PssByGroup[group])),7} MiB", $"{MiB(Median(ours, r => r.PssByGroup[group])),7} MiB", "");
        }
        var (bareTotal, oursTotal) = (Median(bare, r => r.PssTotal), Median(ours, r => r.PssTotal));
        Line("  total", $"{MiB(bareTotal),7} MiB", $"{MiB(oursTotal),7} MiB",
            $"ours = total − floor = {MiB(oursTotal - bareTotal)} MiB (goal ≤ {MemoryGoalMiB} MiB)");
        Line("Ctrl+C until ours are gone", $"{Median(bare, r => r.OursGone.TotalSeconds),9:0.00} s", $"{Median(ours, r => r.OursGone.TotalSeconds),9:0.00} s",
            $"(goal < {StopGoalSeconds:0} s)");
        Line("Ctrl+C until all are gone (DCP too)", $"{Median(bare, r => r.AllGone.TotalSeconds),9:0.00} s", $"{Median(ours, r => r.AllGone.TotalSeconds),9:0.00} s",
            $"(goal < {StopGoalSeconds:0} s)");

        static void Line(string what, string bare, string ours, string note) => Console.WriteLine($"{what,-36} {bare,12} {ours,12}   {note}");
    }

    // The 1-minute load average: other work on the machine slows every start, the floor's as much as ours.
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string MiB(double bytes) => (bytes / 1024 / 1024).ToString("0", CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<RunFigures> runs, Func<RunFigures, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
