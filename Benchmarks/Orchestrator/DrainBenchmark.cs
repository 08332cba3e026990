using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Backend.TaskProcessing.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Backend.Benchmarks.Orchestrator;

/// <summary>
/// Drain throughput: the TaskProcessing consumer (lease, heartbeat, conditional writes, delete) with a
/// handler that does nothing, against a raw SDK loop making the same calls (receive, UpdateItem to
/// start, UpdateItem to complete, DeleteMessage) with the same number of messages in flight.
/// </summary>
internal static class DrainBenchmark
{
    public static async Task<double> ConsumerAsync(AwsClients clients, BenchmarkResources resources, int count, int maxInFlight)
    {
        await FillAsync(clients, resources, count);
        var services = new ServiceCollection().AddMetrics().AddLogging().BuildServiceProvider();
        var store = new DynamoDbTaskStore(clients.DynamoDb, Options.Create(new TaskStoreOptions { TableName = resources.Table }), TimeProvider.System);
        var attempts = new TaskAttemptFactory(clients.Sqs, store, [new TrivialHandler()], new TaskMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            TimeProvider.System, NullLogger<TaskAttempt>.Instance);
        var options = new TaskConsumerOptions { MaxInFlight = maxInFlight, WaitTime = TimeSpan.FromSeconds(1) };
        var consumer = new TaskQueueConsumer(resources.Cpu.Url, options, clients.Sqs, attempts, NullLogger<TaskQueueConsumer>.Instance);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var run = consumer.RunAsync(stop.Token);
        await WaitUntilDrainedAsync(clients, resources);
        var rate = count / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await run;
        return rate;
    }

    public static async Task<double> RawSdkAsync(AwsClients clients, BenchmarkResources resources, int count, int maxInFlight)
    {
        await FillAsync(clients, resources, count);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        // Loops of at most 10 (the SQS batch limit), as many as make up the same number in flight.
        var loops = Enumerable.Range(0, Math.Max(1, maxInFlight / 10)).Select(_ => RawLoopAsync(clients, resources, Math.Min(10, maxInFlight), stop.Token)).ToList();
        await WaitUntilDrainedAsync(clients, resources);
        var rate = count / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return rate;
    }

    private static async Task RawLoopAsync(AwsClients clients, BenchmarkResources resources, int batch, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            List<Message> messages;
            try
            {
                messages = (await clients.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = resources.Cpu.Url, MaxNumberOfMessages = batch, WaitTimeSeconds = 1 }, stop)).Messages ?? [];
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await Task.WhenAll(messages.Select(async message =>
            {
                var id = TaskMessage.TryParse(message.Body)!.TaskId;
                var key = new Dictionary<string, AttributeValue> { [TaskTable.TaskId] = new() { S = id } };
                await clients.DynamoDb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = resources.Table, Key = key, ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_NEW,
                    UpdateExpression = "SET #s = :running, attempts = attempts + :one, lease_owner = :owner, lease_expires_at = :exp",
                    ConditionExpression = "#s = :queued",
                    ExpressionAttributeNames = new() { ["#s"] = "status" },
                    ExpressionAttributeValues = new() { [":running"] = new() { S = "running" }, [":queued"] = new() { S = "queued" }, [":one"] = new() { N = "1" }, [":owner"] = new() { S = "raw" }, [":exp"] = new() { N = "0" } },
                });
                await clients.DynamoDb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = resources.Table, Key = key,
                    UpdateExpression = "SET #s = :done, result_key = :key", ConditionExpression = "#s = :running AND lease_owner = :owner",
                    ExpressionAttributeNames = new() { ["#s"] = "status" },
                    ExpressionAttributeValues = new() { [":done"] = new() { S = "succeeded" }, [":running"] = new() { S = "running" }, [":owner"] = new() { S = "raw" }, [":key"] = new() { S = "k" } },
                });
                await clients.Sqs.DeleteMessageAsync(resources.Cpu.Url, message.ReceiptHandle);
            }));
        }
    }

    /// <summary>Queued tasks in the store and their messages on the queue, sent in batches of 10.</summary>
    private static async Task FillAsync(AwsClients clients, BenchmarkResources resources, int count)
    {
        var parameters = TaskParameters.Normalize(TaskTypes.Thumbnail, null, new Dictionary<string, string[]>());
        var ids = new List<string>();
        await SubmitBenchmark.RunAsync(count, 16, async i =>
        {
            var now = DateTimeOffset.UtcNow;
            var task = new TaskRecord
            {
                Id = Guid.CreateVersion7().ToString("N"), Type = TaskTypes.Thumbnail, Status = TaskState.Queued, InputKey = "in.png",
                OutputPrefix = "results/", Parameters = parameters, CreatedAt = now, UpdatedAt = now,
            };
            await clients.DynamoDb.PutItemAsync(new PutItemRequest { TableName = resources.Table, Item = TaskItems.ToItem(task, now.AddDays(1)) });
            lock (ids)
            {
                ids.Add(task.Id);
            }
        });
        foreach (var chunk in ids.Chunk(10))
        {
            await clients.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = resources.Cpu.Url,
                Entries = [.. chunk.Select((id, n) => new SendMessageBatchRequestEntry($"m{n}", new TaskMessage(id, TaskTypes.Thumbnail).ToJson()))],
            });
        }
    }

    /// <summary>
    /// Until no message is visible, in flight or delayed: a message the consumer put back for later (after a
    /// failed store call it is re-sent with a delay) is still to be drained. Not counting those is the likely
    /// reason one run printed 284 tasks/s for the consumer against the raw loop's 33 (every other run: 33–34).
    /// </summary>
    private static async Task WaitUntilDrainedAsync(AwsClients clients, BenchmarkResources resources)
    {
        while (true)
        {
            var attributes = await clients.Sqs.GetQueueAttributesAsync(resources.Cpu.Url,
                ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]);
            if (attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible + attributes.ApproximateNumberOfMessagesDelayed == 0)
            {
                return;
            }
            await Task.Delay(20);
        }
    }

    private sealed class TrivialHandler : ITaskHandler
    {
        public string TaskType => TaskTypes.Thumbnail;

        public Task<TaskResult> HandleAsync(TaskRecord task, CancellationToken cancellationToken) =>
            Task.FromResult(new TaskResult(task.OutputPrefix + task.Id + ".webp", "image/webp", 1, 1, 1));
    }
}
