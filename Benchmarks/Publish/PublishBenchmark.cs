using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Backend.Hosting.Testing;

namespace Backend.Benchmarks.Publish;

/// <summary>
/// <c>--operation publish --step publish</c> of the AppHost, as <c>aspire publish</c> runs it: wall time from process
/// start to exit, the synth as the step reports it, and peak memory of the AppHost and its jsii node process (sampled
/// every 20 ms from /proc: the sum over the process tree, and each one's own peak). Also checks that the CDK's
/// temporary files are gone afterwards.
/// </summary>
internal static partial class PublishBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 1 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var root = Repository.Root;
        var appHost = Path.Combine(root, "AppHost", "bin", "Release", "net10.0", "AppHost.dll");
        if (!File.Exists(appHost))
        {
            await Process.Start("dotnet", ["build", Path.Combine(root, "AppHost"), "-c", "Release", "-v", "q"])!.WaitForExitAsync();
        }

        Console.WriteLine($"publish: {runs} runs of the AppHost's publish step (a fresh process each, so each one starts jsii)");
        var results = new List<(double Wall, double Synth, long Tree, long AppHost, long Node)>();
        for (var run = 1; run <= runs; run++)
        {
            var output = Directory.CreateTempSubdirectory("publish-benchmark-").FullName;
            var leftoversBefore = CdkLeftovers().Count;
            var result = await MeasureAsync(appHost, output);
            var leftovers = CdkLeftovers().Count - leftoversBefore;
            Directory.Delete(output, recursive: true);
            results.Add(result);
            Console.WriteLine(
                $"  run {run}: {result.Wall:F1} s wall, synth step {result.Synth:F1} s; peak RSS tree {Mb(result.Tree)} MB (AppHost {Mb(result.AppHost)} MB, node {Mb(result.Node)} MB); CDK scratch left behind: {leftovers}");
        }

        var median = results.OrderBy(r => r.Wall).ElementAt(results.Count / 2);
        Console.WriteLine($"median: {median.Wall:F1} s wall, peak {Mb(results.Max(r => r.Tree))} MB for the process tree");
        return 0;
    }

    private static async Task<(double Wall, double Synth, long Tree, long AppHost, long Node)> MeasureAsync(string appHost, string output)
    {
        var start = new ProcessStartInfo("dotnet", [appHost, "--operation", "publish", "--step", "publish", "--output-path", output])
        {
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long tree = 0, appHostPeak = 0, nodePeak = 0;
        while (!process.HasExited)
        {
            var family = ProcessTree.Family(process.Id);
            var sum = 0L;
            foreach (var member in family)
            {
                var pid = member.Id;
                var (rss, peak) = (Read(pid, "VmRSS"), Read(pid, "VmHWM"));
                sum += rss;
                if (pid == process.Id)
                {
                    appHostPeak = Math.Max(appHostPeak, peak);
                }
                else if (member.Executable.Contains("node", StringComparison.Ordinal))
                {
                    nodePeak = Math.Max(nodePeak, peak);
                }
            }

            tree = Math.Max(tree, sum);
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        var wall = stopwatch.Elapsed.TotalSeconds;
        var log = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish failed ({process.ExitCode}):\n{log}");
        }

        var synth = StepTime().Match(log) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        return (wall, synth, tree, appHostPeak, nodePeak);
    }

    private static long Read(int pid, string field)
    {
        try
        {
            return BenchmarkHost.MemoryBytes(pid, field);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return 0;
        }
    }

    private static List<string> CdkLeftovers() => [.. Directory.EnumerateDirectories(Path.GetTempPath(), "aspire-ecs-cdk-*")];

    private static long Mb(long bytes) => bytes / (1024 * 1024);

    [GeneratedRegex(@"resources in ([0-9.]+) s")]
    private static partial Regex StepTime();
}
