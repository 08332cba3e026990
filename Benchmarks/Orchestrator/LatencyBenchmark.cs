using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using NetVips;

namespace Backend.Benchmarks.Orchestrator;

/// <summary>End to end on an idle system: submit a small thumbnail task, poll until it has succeeded.</summary>
internal static class LatencyBenchmark
{
    public static async Task<double[]> RunAsync(Uri address, AwsClients clients, BenchmarkResources resources, int count)
    {
        var input = await UploadAsync(clients, resources, 256, 256);
        using var http = Client(address);
        var samples = new List<double>();
        for (var i = 0; i < count + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = await SubmitAsync(http, input, 64);
            while (await StatusAsync(http, id) != "succeeded")
            {
                await Task.Delay(2);
            }
            if (i >= 3)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds); // the first three warm up the JIT and connections
            }
        }
        return [.. samples.Order()];
    }

    /// <summary>A burst of real thumbnails (1024x768 PNG) through the CPU worker; returns tasks per second.</summary>
    public static async Task<double> BurstAsync(Uri address, AwsClients clients, BenchmarkResources resources, int count)
    {
        var input = await UploadAsync(clients, resources, 1024, 768);
        using var http = Client(address);
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await SubmitAsync(http, input, 256));
        }
        foreach (var id in ids)
        {
            while (await StatusAsync(http, id) != "succeeded")
            {
                await Task.Delay(20);
            }
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static HttpClient Client(Uri address)
    {
        var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OrchestratorProcess.ApiKey);
        return http;
    }

    private static async Task<string> SubmitAsync(HttpClient http, string input, int maxSize)
    {
        using var response = await http.PostAsJsonAsync("/api/tasks", new { type = "thumbnail", input = new { key = input }, parameters = new { maxSize } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> StatusAsync(HttpClient http, string id)
    {
        var task = await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        var status = task.GetProperty("status").GetString()!;
        return status is "failed" or "cancelled" ? throw new InvalidOperationException($"task {id} ended {status}: {task}") : status;
    }

    private static async Task<string> UploadAsync(AwsClients clients, BenchmarkResources resources, int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var band = x[0];
        using var gray = band * (255.0 / width);
        var png = gray.Bandjoin(gray, gray).Cast(Enums.BandFormat.Uchar).PngsaveBuffer();
        var key = $"inputs/{width}x{height}.png";
        await clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = resources.Bucket, Key = key, InputStream = new MemoryStream(png) });
        return key;
    }
}
