extern alias CanvasApi;

using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Backend.Hosting.Aws;
using Backend.Hosting.Local;
using Backend.Hosting.Projects;

namespace Backend.Benchmarks.Canvas;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- canvas</c>: starts PostgreSQL and the S3 emulator,
/// runs Canvas.Api as a process against them, and prints upload throughput (API vs raw SDK), the API's
/// peak memory growth during a 128 MiB upload, and session create + list under concurrent load.
/// </summary>
internal static class CanvasBenchmark
{
    private const string JwtSecret = "canvas-benchmark-jwt-secret-of-32-bytes-or-more";
    private const string Issuer = "https://canvas-benchmark.supabase.co/auth/v1";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("canvas benchmark: starting PostgreSQL and fauxqs …");
        await using var dependencies = await LocalDependencies.StartAsync();
        Console.WriteLine(dependencies.StartupSummary);
        var connectionString = await dependencies.Postgres.CreateDatabaseAsync("canvas_benchmark");
        using var s3 = AwsEmulatorClients.CreateS3Client(dependencies.S3Endpoint);
        const string bucket = "canvas-benchmark";
        await s3.EnsureBucketAsync(bucket);

        var environment = new Dictionary<string, string?>(dependencies.GetAwsEnvironment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value))
        {
            ["ConnectionStrings__canvasdb"] = connectionString,
            ["AWS__Resources__images__BucketName"] = bucket,
            ["Auth__JwtSecret"] = JwtSecret,
            ["Auth__Issuer"] = Issuer,
            ["Orchestrator__ApiKey"] = "unused",
            ["services__orchestrator__http__0"] = "http://127.0.0.1:9",
        };
        await using var api = await CanvasApiProcess.StartAsync(environment);
        Console.WriteLine($"Canvas.Api ready at {api.Address} (Release, its own process)");
        if (args is ["--slow-uploads", ..])
        {
            return await SlowUploadBenchmark.RunAsync(api, userId => Client(api.Address, userId), args[1..]);
        }

        using var uploader = Client(api.Address, "bench-uploader");
        var session = await (await uploader.PostAsJsonAsync("/api/sessions", new { title = "uploads" })).Content.ReadFromJsonAsync<SessionId>();
        var uploads = new UploadBenchmark(uploader, session!.Id, s3, bucket, api);
        var results = new List<UploadBenchmark.Result>();
        // --sizes 1,16 runs only those uploads (and skips the session load): a quick look at one figure.
        var only = Array.IndexOf(args, "--sizes") is var at and >= 0 && at + 1 < args.Length
            ? args[at + 1].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToHashSet()
            : null;
        foreach (var (size, rounds) in new[] { (1, 41), (16, 9), (128, 5) }.Where(pair => only?.Contains(pair.Item1) ?? true))
        {
            var result = await uploads.RunAsync(size, rounds);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {size} MiB: warmed up over {result.WarmUp.Rounds} round(s) (then {result.WarmUp.IdleCpu.TotalMilliseconds:0} ms CPU in an idle second); " +
                $"API's Server-Timing medians (ms): {string.Join(", ", uploads.MedianServerTimings().Select(pair => $"{pair.Key} {pair.Value:0.00}"))}"));
        }

        Console.WriteLine();
        Console.WriteLine("upload (median of rounds)   API MiB/s   raw SDK MiB/s   API/raw   (goal ≥ 0.85 at 1 MiB)   raw SDK + SHA-256 checksum   API/that");
        foreach (var result in results)
        {
            var withChecksum = result.RawWithChecksumMiBps is { } value
                ? string.Create(CultureInfo.InvariantCulture, $"{value,26:0.0}   {result.ApiMiBps / value,8:0.00}")
                : $"{"(multipart)",26}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {result.SizeMiB,4} MiB               {result.ApiMiBps,9:0.0}   {result.RawMiBps,13:0.0}   {result.ApiMiBps / result.RawMiBps,7:0.00}                           {withChecksum}"));
        }
        if (results.SingleOrDefault(result => result.SizeMiB == 128)?.PeakGrowthBytes is { } peak)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"API peak RSS growth during a 128 MiB upload: {peak / 1024.0 / 1024.0:0.0} MiB (goal < 64 MiB)"));
        }
        if (only is not null)
        {
            // The fixed cost of a request that does almost nothing (one indexed row read): hop, auth, routing, JSON.
            var times = new List<double>();
            for (var i = 0; i < 60; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var got = await uploader.GetAsync($"/api/sessions/{session.Id}");
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"a trivial authenticated GET (the session), sequential: median {times.Order().ElementAt(times.Count / 2):0.00} ms"));
            return 0;
        }

        var users = Enumerable.Range(0, 16).Select(index => Client(api.Address, $"bench-user-{index}")).ToList();
        var load = await SessionLoadBenchmark.RunAsync(users, iterationsPerUser: 150);
        users.ForEach(user => user.Dispose());
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sessions: {load.Concurrency} concurrent users, {load.Requests} requests (create + list): {load.RequestsPerSecond:0} req/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  create  p50 {load.Create.P50Ms:0.0} ms  p99 {load.Create.P99Ms:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  list    p50 {load.List.P50Ms:0.0} ms  p99 {load.List.P99Ms:0.0} ms"));
        return 0;
    }

    private static HttpClient Client(Uri address, string userId)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentToken.Create(JwtSecret, userId, TimeSpan.FromHours(2), issuer: Issuer));
        return client;
    }

    private sealed record SessionId(Guid Id);
}
