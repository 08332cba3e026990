using System.Diagnostics;

namespace Backend.Benchmarks.AppHost;

/// <summary>
/// How the F5 experience measures: time from <c>dotnet run --project AppHost</c> to every resource
/// healthy, warm (already built) and cold (a fresh clone: restore, build, <c>npm ci</c>), the AppHost's
/// own memory, and the time from Ctrl+C until every process it started is gone.
/// </summary>
internal static class AppHostStartupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var repository = BenchmarkHost.RepositoryRoot();
        var warmRuns = args.Contains("--cold-only") ? 0 : 3;
        Console.WriteLine($"AppHost startup, {Environment.ProcessorCount} cores; `dotnet run --project AppHost` in {repository}");

        if (warmRuns > 0)
        {
            await RunQuietlyAsync(repository, "dotnet", "build", "AppHost");
            var warm = new List<(TimeSpan Up, long RssKiB, long PeakKiB, TimeSpan Stop, int Processes)>();
            for (var i = 0; i < warmRuns; i++)
            {
                warm.Add(await new AppHostRun(repository, []).MeasureAsync(TimeSpan.FromMinutes(3)));
                Console.WriteLine($"  warm run {i + 1}: up in {warm[^1].Up.TotalSeconds:0.0} s; Ctrl+C → {warm[^1].Processes} processes gone in {warm[^1].Stop.TotalSeconds:0.00} s");
            }
            Console.WriteLine($"warm start (built): median {Median(warm.Select(r => r.Up.TotalSeconds)):0.0} s (goal < 10 s)");
            Console.WriteLine($"AppHost memory when up: RSS {Median(warm.Select(r => r.RssKiB / 1024.0)):0} MiB, peak {warm.Max(r => r.PeakKiB) / 1024.0:0} MiB");
            Console.WriteLine($"Ctrl+C to every process gone: median {Median(warm.Select(r => r.Stop.TotalSeconds)):0.00} s");
        }

        if (!args.Contains("--warm-only"))
        {
            var clone = Path.Combine(Path.GetTempPath(), $"canvas-backend-cold-{Guid.NewGuid():N}");
            try
            {
                await RunQuietlyAsync(repository, "git", "clone", "--quiet", "--no-hardlinks", repository, clone);
                var cold = await new AppHostRun(clone, []).MeasureAsync(TimeSpan.FromMinutes(15));
                Console.WriteLine($"cold start (fresh clone of HEAD: restore from the local NuGet cache, build, npm ci): up in {cold.Up.TotalSeconds:0.0} s; " +
                    $"Ctrl+C → gone in {cold.Stop.TotalSeconds:0.00} s");
            }
            finally
            {
                Directory.Delete(clone, recursive: true);
            }
        }
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task RunQuietlyAsync(string directory, string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed:\n{await output}\n{await error}");
        }
    }
}
