using System.Diagnostics;
using System.Net.Http.Json;

namespace Backend.Benchmarks.Canvas;

/// <summary>
/// Concurrent users each creating a session and listing their sessions (newest 20), over and over:
/// requests per second and latency percentiles per operation, through HTTP, auth and PostgreSQL.
/// </summary>
internal static class SessionLoadBenchmark
{
    public sealed record Result(int Concurrency, int Requests, double RequestsPerSecond, Percentiles Create, Percentiles List);

    public sealed record Percentiles(double P50Ms, double P99Ms);

    public static async Task<Result> RunAsync(IReadOnlyList<HttpClient> users, int iterationsPerUser)
    {
        // Warm-up: connections, JIT, the Npgsql pool.
        await Task.WhenAll(users.Select(user => RunUserAsync(user, 5, [], [])));

        var creates = new List<double>[users.Count];
        var lists = new List<double>[users.Count];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(users.Select((user, index) => RunUserAsync(user, iterationsPerUser, creates[index] = [], lists[index] = [])));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var requests = users.Count * iterationsPerUser * 2;
        return new Result(users.Count, requests, requests / elapsed.TotalSeconds, Summarize(creates), Summarize(lists));
    }

    private static async Task RunUserAsync(HttpClient user, int iterations, List<double> creates, List<double> lists)
    {
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using (var created = await user.PostAsJsonAsync("/api/sessions", new { title = $"bench {i}" }))
            {
                created.EnsureSuccessStatusCode();
            }
            creates.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            using (var listed = await user.GetAsync("/api/sessions?limit=20"))
            {
                listed.EnsureSuccessStatusCode();
                await listed.Content.ReadAsByteArrayAsync();
            }
            lists.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static Percentiles Summarize(List<double>[] perUser)
    {
        var all = perUser.SelectMany(times => times).Order().ToArray();
        return new Percentiles(all[(int)(all.Length * 0.50)], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
    }
}
