using System.Net;
using Backend.Hosting.Local;
using Backend.Hosting.Processes;
using Backend.Hosting.Testing;

namespace Backend.Benchmarks.Canvas;

/// <summary>
/// Canvas.Api as its own process (Release build, Production environment), as it runs in a container,
/// so that its memory can be read from /proc without the benchmark's own buffers in it.
/// </summary>
internal sealed class CanvasApiProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private CanvasApiProcess(ChildProcess process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static async Task<CanvasApiProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var dll = Path.Combine(Repository.Root, "Canvas.Api", "bin", "Release", "net10.0", "Canvas.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run the benchmark with -c Release.");
        }
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var process = await ChildProcess.StartAsync(new ChildProcessStartInfo("dotnet")
        {
            Arguments = [dll],
            WorkingDirectory = Path.GetDirectoryName(dll),
            DisplayName = "canvas-api",
            Environment = new Dictionary<string, string?>(environment)
            {
                ["ASPNETCORE_URLS"] = address.GetLeftPart(UriPartial.Authority),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                // The benchmark measures throughput; 16 users at full speed are far past a user's rate limit.
                ["RateLimits__Burst"] = "1000000",
                ["RateLimits__PerPeriod"] = "1000000",
            },
        });
        using var probe = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await probe.GetAsync(new Uri(address, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return new CanvasApiProcess(process, address);
                }
            }
            catch (HttpRequestException)
            {
            }
            if (attempt > 300 || process.Exited.IsCompleted)
            {
                var output = process.Output.Tail(30);
                await process.DisposeAsync();
                throw new InvalidOperationException($"Canvas.Api did not become healthy:{Environment.NewLine}{output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan CpuTime() => BenchmarkHost.CpuTime(_process.Id);

    /// <summary>Resident set size now.</summary>
    public long ResidentBytes() => BenchmarkHost.MemoryBytes(_process.Id, "VmRSS");

    /// <summary>Highest resident set size since the last <see cref="ResetPeak"/>.</summary>
    public long PeakResidentBytes() => BenchmarkHost.MemoryBytes(_process.Id, "VmHWM");

    /// <summary>Resets the kernel's high-water mark (clear_refs 5), so the next peak is this upload's.</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
    }
}
