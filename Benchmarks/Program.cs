using Backend.Benchmarks.AppHost;
using Backend.Benchmarks.Canvas;
using Backend.Benchmarks.Gpu;
using Backend.Benchmarks.Orchestrator;
using Backend.Benchmarks.Publish;

return args.FirstOrDefault() switch
{
    "orchestrator" => await OrchestratorBenchmark.RunAsync(),
    "gpu" => await GpuIdleCostBenchmark.RunAsync(args[1..]),
    "canvas" => await CanvasBenchmark.RunAsync(args[1..]),
    "apphost" => await AppHostStartupBenchmark.RunAsync(args[1..]),
    "publish" => await PublishBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <benchmark>");
    Console.Error.WriteLine("benchmarks: orchestrator, gpu [--bursts N] [--messages N] [--gap S] [--idle S] [--poll S] [--work MS], canvas [--slow-uploads [--clients N] [--seconds S] [--bytes-per-second B]], apphost [--rounds N], publish [--runs N]");
    return 2;
}
