using System.Net.Http.Json;
using Backend.Orchestrator.Tasks;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>The task API as Canvas.Api calls it.</summary>
public static class TaskClient
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(TasksApi.IdempotencyKeyHeader, idempotencyKey);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<TaskResponse> SubmitAcceptedAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var response = await client.SubmitAsync(body, idempotencyKey);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(TestContext.Current.CancellationToken))!;
    }

    public static async Task<TaskResponse> GetTaskAsync(this HttpClient client, string id) =>
        (await client.GetFromJsonAsync<TaskResponse>($"/api/tasks/{id}", TestContext.Current.CancellationToken))!;

    /// <summary>Polls the task until <paramref name="until"/> holds; fails with the last state seen after <paramref name="timeout"/>.</summary>
    public static async Task<TaskResponse> WaitForTaskAsync(this HttpClient client, string id, Func<TaskResponse, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var task = await client.GetTaskAsync(id);
            if (until(task))
            {
                return task;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Task {id} did not reach the expected state; last seen: {task}");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static Task<TaskResponse> WaitForStatusAsync(this HttpClient client, string id, string status, TimeSpan? timeout = null) =>
        client.WaitForTaskAsync(id, task => task.Status == status, timeout);

    public static object Thumbnail(string inputKey, string? sessionId = null, int maxSize = 256, string format = "webp") =>
        new { type = "thumbnail", sessionId, input = new { key = inputKey }, outputPrefix = "results/", parameters = new { maxSize, format } };
}
