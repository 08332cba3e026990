using System.Globalization;
using Backend.Hosting.Local;

namespace Backend.Benchmarks.Orchestrator;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- orchestrator</c>: starts the emulators, runs the
/// orchestrator as a process, and prints throughput side by side with the raw AWS SDK on the same
/// emulators in the same run, end-to-end latency, and the orchestrator's peak memory.
/// </summary>
internal static class OrchestratorBenchmark
{
    private const int Concurrency = 16;

    public static async Task<int> RunAsync()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine("Starting the emulators…");
        await using var dependencies = await LocalDependencies.StartAsync();
        var clients = AwsClients.For(dependencies);
        Console.WriteLine(dependencies.StartupSummary);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; emulators fauxqs (SQS, S3) and dynalite (DynamoDB) on 127.0.0.1");
        Console.WriteLine();

        // Phase 1: the API alone (CPU worker off), so that submits measure the request path only.
        var api = await BenchmarkResources.CreateAsync(dependencies, clients);
        await using (var orchestrator = await OrchestratorProcess.StartAsync(api.Environment, new Dictionary<string, string> { ["Workers__Cpu__Enabled"] = "false" }))
        {
            var idleMiB = orchestrator.CurrentMemoryMiB();
            await SubmitBenchmark.ThroughOrchestratorAsync(orchestrator.Address, 100, Concurrency); // warm-up
            await SubmitBenchmark.RawSdkAsync(clients, api, 100, Concurrency);
            var raw = await SubmitBenchmark.RawSdkAsync(clients, api, 1000, Concurrency);
            var ours = await SubmitBenchmark.ThroughOrchestratorAsync(orchestrator.Address, 1000, Concurrency);
            Row("submit (1000 tasks, 16 concurrent)", ours, raw, "tasks/s");
            Console.WriteLine($"  orchestrator memory: {idleMiB:F0} MiB resident when idle, peak {orchestrator.PeakMemoryMiB():F0} MiB (VmHWM) after the submit load");
        }

        var drain = await BenchmarkResources.CreateAsync(dependencies, clients);
        await DrainBenchmark.RawSdkAsync(clients, drain, 100, Concurrency); // warm-up
        var rawDrain = await DrainBenchmark.RawSdkAsync(clients, drain, 1000, Concurrency);
        var ourDrain = await DrainBenchmark.ConsumerAsync(clients, drain, 1000, Concurrency);
        Row("drain, trivial handler (1000 tasks, 16 in flight)", ourDrain, rawDrain, "tasks/s");

        // Phase 2: the whole orchestrator with its CPU worker doing real thumbnails.
        var e2e = await BenchmarkResources.CreateAsync(dependencies, clients);
        await using (var orchestrator = await OrchestratorProcess.StartAsync(e2e.Environment, new Dictionary<string, string>()))
        {
            var latencies = await LatencyBenchmark.RunAsync(orchestrator.Address, clients, e2e, 100);
            Console.WriteLine($"end-to-end, submit → succeeded, 256x256 PNG → 64 px WebP, idle system, 100 sequential tasks: " +
                $"p50 {LatencyBenchmark.Percentile(latencies, 0.50):F1} ms, p99 {LatencyBenchmark.Percentile(latencies, 0.99):F1} ms");
            var burst = await LatencyBenchmark.BurstAsync(orchestrator.Address, clients, e2e, 100);
            Console.WriteLine($"real thumbnails, 100 × 1024x768 PNG → 256 px WebP through the CPU worker: {burst:F1} tasks/s");
            Console.WriteLine($"  orchestrator peak memory (VmHWM) with the CPU worker under that load: {orchestrator.PeakMemoryMiB():F0} MiB");
        }
        return 0;
    }

    private static void Row(string what, double ours, double raw, string unit) =>
        Console.WriteLine($"{what}: orchestrator {ours:F0} {unit}, raw AWS SDK {raw:F0} {unit}, ratio {ours / raw:F2} (goal ≥ 0.80)");
}
