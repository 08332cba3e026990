using System.Diagnostics;
using Backend.Hosting.Local;
using Backend.Hosting.Testing;

namespace Backend.Benchmarks.Orchestrator;

/// <summary>The orchestrator as production runs it: its own process, its own HTTP port, configured by environment only.</summary>
internal sealed class OrchestratorProcess : IAsyncDisposable
{
    public const string ApiKey = "benchmark-api-key";
    private readonly Process _process;

    private OrchestratorProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<OrchestratorProcess> StartAsync(IDictionary<string, string> environment, IDictionary<string, string> extra)
    {
        var port = FreePort.Next();
        var dll = Path.Combine(Repository.Root, "Orchestrator", "bin", "Release", "net10.0", "Orchestrator.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment.Concat(extra))
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Auth__ApiKey"] = ApiKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The task benchmarks have no GPU instance; the GPU benchmark measures the controller on its own.
        start.Environment["Gpu__Enabled"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine($"  orchestrator: {line.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var orchestrator = new OrchestratorProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = orchestrator.Address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return orchestrator;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await orchestrator.DisposeAsync();
                throw new InvalidOperationException($"The orchestrator did not become healthy (built with -c Release? looked for {dll}).");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Peak resident memory of the process so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB() => BenchmarkHost.MemoryBytes(_process.Id, "VmHWM") / 1024.0 / 1024;

    public double CurrentMemoryMiB() => BenchmarkHost.MemoryBytes(_process.Id, "VmRSS") / 1024.0 / 1024;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
