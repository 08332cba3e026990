Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <benchmark>");
return 2;
