using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;

namespace Backend.Benchmarks.Orchestrator;

/// <summary>
/// Submit throughput: POST /api/tasks through the orchestrator process (auth, validation, conditional
/// PutItem, SendMessage, UpdateItem to leave the outbox) against the same three calls made with the raw SDK.
/// </summary>
internal static class SubmitBenchmark
{
    public static async Task<double> ThroughOrchestratorAsync(Uri address, int count, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OrchestratorProcess.ApiKey);
        return await RunAsync(count, concurrency, async i =>
        {
            using var response = await http.PostAsJsonAsync("/api/tasks", new
            {
                type = "thumbnail", sessionId = "bench", input = new { key = $"inputs/{i}.png" }, parameters = new { maxSize = 128 },
            });
            response.EnsureSuccessStatusCode();
        });
    }

    public static async Task<double> RawSdkAsync(AwsClients clients, BenchmarkResources resources, int count, int concurrency)
    {
        var parameters = TaskParameters.Normalize(TaskTypes.Thumbnail, null, new Dictionary<string, string[]>());
        return await RunAsync(count, concurrency, async i =>
        {
            var now = DateTimeOffset.UtcNow;
            var task = new TaskRecord
            {
                Id = Guid.CreateVersion7().ToString("N"), Type = TaskTypes.Thumbnail, Status = TaskState.Queued, SessionId = "bench",
                InputKey = $"inputs/{i}.png", OutputPrefix = "results/", Parameters = parameters, CreatedAt = now, UpdatedAt = now, Unsent = true,
            };
            await clients.DynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = resources.Table,
                Item = TaskItems.ToItem(task, now.AddDays(30)),
                ConditionExpression = "attribute_not_exists(task_id)",
            });
            await clients.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = resources.Cpu.Url, MessageBody = new TaskMessage(task.Id, task.Type).ToJson() });
            await clients.DynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = resources.Table,
                Key = new() { [TaskTable.TaskId] = new AttributeValue { S = task.Id } },
                UpdateExpression = "REMOVE outbox",
                ConditionExpression = "attribute_exists(task_id)",
            });
        });
    }

    /// <summary>Runs <paramref name="count"/> operations with <paramref name="concurrency"/> at a time; returns operations per second.</summary>
    public static async Task<double> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await operation(i);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }
}
