using System.Diagnostics;

namespace Backend.Benchmarks.AppHost;

/// <summary>
/// One `dotnet run --project AppHost` as a developer starts it: the time until it reports every
/// resource up, the AppHost's own memory, and the time from Ctrl+C until every process it started is gone.
/// </summary>
internal sealed class AppHostRun(string repository, string[] extraArgs)
{
    public async Task<(TimeSpan Up, long RssKiB, long PeakKiB, TimeSpan Stop, int Processes)> MeasureAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var run = Process.Start(new ProcessStartInfo("dotnet", ["run", "--project", "AppHost", "--", .. extraArgs])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var up = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        run.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) { return; }
            lock (output) { output.Add(line.Data); }
            if (line.Data.StartsWith("Up in", StringComparison.Ordinal)) { up.TrySetResult(clock.Elapsed); }
            if (line.Data.Contains("could not start", StringComparison.Ordinal)) { up.TrySetException(new InvalidOperationException(line.Data)); }
        };
        run.ErrorDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.Add(line.Data); } } };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            var upAfter = await up.Task.WaitAsync(timeout);
            var appHost = ProcessTree.Children(run.Id).Single(pid => ProcessTree.CommandLine(pid).EndsWith("/AppHost", StringComparison.Ordinal));
            var started = ProcessTree.Descendants(run.Id);
            var (rss, peak) = (BenchmarkHost.MemoryBytes(appHost, "VmRSS") / 1024, BenchmarkHost.MemoryBytes(appHost, "VmHWM") / 1024);

            // What Ctrl+C in a terminal does: SIGINT to the foreground processes.
            var stopClock = Stopwatch.StartNew();
            foreach (var pid in new[] { run.Id, appHost })
            {
                ProcessTree.Interrupt(pid);
            }
            while (started.Any(ProcessTree.IsAlive))
            {
                await Task.Delay(20);
            }
            return (upAfter, rss, peak, stopClock.Elapsed, started.Count);
        }
        catch
        {
            lock (output) { Console.Error.WriteLine(string.Join('\n', output.TakeLast(40))); }
            run.Kill(entireProcessTree: true);
            throw;
        }
    }
}
