using Backend.Benchmarks.Orchestrator;

return args.FirstOrDefault() switch
{
    "orchestrator" => await OrchestratorBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <benchmark>");
    Console.Error.WriteLine("benchmarks: orchestrator");
    return 2;
}
