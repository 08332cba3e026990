using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Hosting.Projects;
using NetVips;

namespace AppHost.Tests;

/// <summary>A signed-in user of Canvas.Api, doing what the canvas front end does, over HTTP.</summary>
internal sealed class CanvasUser(HttpClient client)
{
    public static CanvasUser SignIn(ApplicationUnderTest application, string userId)
    {
        var client = application.App.CreateHttpClient("canvas-api", "http");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevelopmentToken.Create(application.JwtSecret, userId, TimeSpan.FromHours(1), issuer: application.Issuer));
        return new CanvasUser(client);
    }

    public async Task<string> CreateSessionAsync(string title) =>
        (await ReadAsync(await client.PostAsJsonAsync("/api/sessions", new { title }, Token), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<string> UploadPngAsync(string sessionId, int width, int height)
    {
        using var image = Image.Black(width, height, bands: 3) + new[] { 40.0, 120.0, 200.0 };
        using var body = new ByteArrayContent(image.PngsaveBuffer());
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return (await ReadAsync(await client.PostAsync($"/api/sessions/{sessionId}/images", body, Token), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
    }

    /// <summary>Submits a task; null when the API answered 503 (the orchestrator is down), which a client retries.</summary>
    public async Task<string?> SubmitAsync(string sessionId, string imageId, string type, object parameters)
    {
        using var response = await client.PostAsJsonAsync($"/api/sessions/{sessionId}/images/{imageId}/tasks", new { type, parameters }, Token);
        return response.StatusCode == HttpStatusCode.ServiceUnavailable
            ? null
            : (await ReadAsync(response, HttpStatusCode.Accepted)).GetProperty("id").GetString();
    }

    public async Task<JsonElement> WaitForTaskAsync(string sessionId, string taskId, string status, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(timeout);
        JsonElement task = default;
        while (!deadline.IsCancellationRequested)
        {
            using var response = await client.GetAsync($"/api/sessions/{sessionId}/tasks/{taskId}", Token);
            // Between an orchestrator crash and its restart, the API says 503; the task is still there after.
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                task = await ReadAsync(response, HttpStatusCode.OK);
                if (task.GetProperty("status").GetString() == status)
                {
                    return task;
                }
                var current = task.GetProperty("status").GetString();
                Assert.False(current is "failed" or "cancelled", $"Task {taskId} ended {current}, not {status}: {task}");
            }
            await Task.Delay(250, CancellationToken.None);
        }
        throw new TimeoutException($"Task {taskId} did not become {status} within {timeout}: {task}");
    }

    /// <summary>Downloads a task's result through the URL the API gave and decodes it.</summary>
    public static async Task<Image> DownloadResultAsync(JsonElement task)
    {
        using var download = new HttpClient();
        var bytes = await download.GetByteArrayAsync(task.GetProperty("result").GetProperty("url").GetString(), Token);
        return Image.NewFromBuffer(bytes);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
