using Backend.Benchmarks.Canvas;
using Backend.Benchmarks.Orchestrator;

return args.FirstOrDefault() switch
{
    "orchestrator" => await OrchestratorBenchmark.RunAsync(),
    "canvas" => await CanvasBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <benchmark>");
    Console.Error.WriteLine("benchmarks: orchestrator, canvas");
    return 2;
}
