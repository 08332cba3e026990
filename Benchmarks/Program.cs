using Backend.Benchmarks.Canvas;

return args.FirstOrDefault() switch
{
    "canvas" => await CanvasBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <benchmark>");
    Console.Error.WriteLine("benchmarks: canvas");
    return 2;
}
