using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Backend.Benchmarks.Canvas;

/// <summary>
/// <c>canvas --slow-uploads</c>: N clients (500), each a user of its own, start a 1 MiB upload at once and
/// trickle it (4 KiB every 80 ms, ~50 KiB/s) for S seconds (20); prints the API's resident memory before and
/// its peak during, and how the uploads were answered (in flight, 429, 503, cut off). It shows what bounds
/// the memory slow clients can pin: the upload slots and the minimum body rate, not the clients' patience.
/// </summary>
internal static class SlowUploadBenchmark
{
    public static async Task<int> RunAsync(CanvasApiProcess api, Func<string, HttpClient> clientFor, string[] args)
    {
        var clients = Option(args, "--clients", 500);
        var seconds = Option(args, "--seconds", 20);
        var bytesPerSecond = Option(args, "--bytes-per-second", 50 * 1024);
        var users = Enumerable.Range(0, clients).Select(index => clientFor($"slow-{index}")).ToList();
        var sessions = new Guid[clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (index, token) =>
        {
            using var created = await users[index].PostAsJsonAsync("/api/sessions", new { title = "slow" }, token);
            sessions[index] = (await created.Content.ReadFromJsonAsync<SessionId>(token))!.Id;
        });
        var image = UploadBenchmark.Png(1024 * 1024);
        var before = api.ResidentBytes();
        api.ResetPeak();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var outcomes = new ConcurrentDictionary<string, int>();
        var uploads = users.Select(async (user, index) =>
        {
            var outcome = "still sending when stopped";
            try
            {
                using var response = await user.PostAsync($"/api/sessions/{sessions[index]}/images", new Trickle(image, bytesPerSecond, stop.Token), stop.Token);
                outcome = $"{(int)response.StatusCode} {response.StatusCode}";
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                outcome = "connection closed by the server before the body was sent (uploads past the slots are answered 503/429 before their body is read)";
            }
            catch (Exception)
            {
            }
            outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
        }).ToList();
        await Task.WhenAll(uploads);
        var peak = api.PeakResidentBytes();
        users.ForEach(user => user.Dispose());

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slow uploads: {clients} clients at once, 1 MiB each at ~{bytesPerSecond / 1024} KiB/s, for {seconds} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  API resident before {before / 1048576.0:0.0} MiB, peak during {peak / 1048576.0:0.0} MiB (growth {(peak - before) / 1048576.0:0.0} MiB)"));
        foreach (var (outcome, count) in outcomes.OrderByDescending(pair => pair.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,5} × {outcome}"));
        }
        return 0;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

    private sealed record SessionId(Guid Id);

    /// <summary>The body sent 4 KiB at a time at about <paramref name="bytesPerSecond"/>.</summary>
    private sealed class Trickle(byte[] bytes, int bytesPerSecond, CancellationToken stop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            const int chunk = 4096;
            var pause = TimeSpan.FromSeconds((double)chunk / bytesPerSecond);
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), stop);
                await stream.FlushAsync(stop);
                await Task.Delay(pause, stop);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
