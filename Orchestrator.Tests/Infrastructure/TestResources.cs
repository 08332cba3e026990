using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;
using Backend.Hosting.Testing;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>A fresh set of the orchestrator's AWS resources on the emulators, and the settings that point a service at them.</summary>
public sealed record TestResources(SqsQueue CpuQueue, SqsQueue GpuQueue, string TableName, string BucketName, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>task_store as TaskTable describes it: the session index, the sparse outbox index, TTL.</summary>
    public static DynamoDbTableDefinition TaskTableDefinition { get; } = new(TaskQueueNames.Table, Key(TaskTable.TaskId))
    {
        GlobalSecondaryIndexes =
        [
            new DynamoDbGlobalSecondaryIndex(TaskTable.BySessionIndex, Key(TaskTable.SessionId), Key(TaskTable.CreatedAt)),
            new DynamoDbGlobalSecondaryIndex(TaskTable.ByOutboxIndex, Key(TaskTable.Outbox), Key(TaskTable.CreatedAt)) { Projection = ProjectionType.KEYS_ONLY },
        ],
        TimeToLiveAttribute = TaskTable.ExpiresAt,
    };

    private static DynamoDbKey Key(string name) => new(name, ScalarAttributeType.S);

    public const string ApiKey = "test-api-key-0123456789";

    public static async Task<TestResources> CreateAsync(LocalDependenciesFixture fixture, int maxReceiveCount = 3)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // The visibility timeout only matters for a message nobody heartbeats: a "crashed" consumer's.
        var cpu = fixture.CreateQueueAsync(new SqsQueueDefinition("cpu") { VisibilityTimeout = TimeSpan.FromSeconds(2), MaxReceiveCount = maxReceiveCount }, cancellationToken);
        var gpu = fixture.CreateQueueAsync(new SqsQueueDefinition("gpu") { VisibilityTimeout = TimeSpan.FromSeconds(2), MaxReceiveCount = maxReceiveCount }, cancellationToken);
        var table = fixture.CreateTableAsync(TaskTableDefinition, cancellationToken);
        var bucket = fixture.CreateBucketAsync(cancellationToken);
        await Task.WhenAll(cpu, gpu, table, bucket);

        var settings = new Dictionary<string, string?>(fixture.GetServiceEnvironment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value))
        {
            ["Auth:ApiKey"] = ApiKey,
            [$"AWS:Resources:{TaskQueueNames.Cpu}:QueueUrl"] = cpu.Result.Url,
            [$"AWS:Resources:{TaskQueueNames.Cpu}:DeadLetterQueueUrl"] = cpu.Result.DeadLetterQueue?.Url,
            [$"AWS:Resources:{TaskQueueNames.Gpu}:QueueUrl"] = gpu.Result.Url,
            [$"AWS:Resources:{TaskQueueNames.Gpu}:DeadLetterQueueUrl"] = gpu.Result.DeadLetterQueue?.Url,
            [$"AWS:Resources:{TaskQueueNames.Table}:TableName"] = table.Result,
            [$"AWS:Resources:{TaskQueueNames.Bucket}:BucketName"] = bucket.Result,
            ["Outbox:SweepInterval"] = "00:00:00.300",
            ["Outbox:MinAge"] = "00:00:01",
            ["Workers:DeadLetter:WaitTime"] = "00:00:01",
            // No EC2 here: the GPU controller has tests of its own (Gpu/).
            ["Gpu:Enabled"] = "false",
        };
        // Short timings everywhere, so that crashes, retries and takeovers happen within seconds.
        foreach (var section in new[] { "Workers:Cpu", "Worker" })
        {
            settings[$"{section}:WaitTime"] = "00:00:01";
            settings[$"{section}:VisibilityTimeout"] = "00:00:02";
            settings[$"{section}:LeaseDuration"] = "00:00:02";
            settings[$"{section}:HeartbeatInterval"] = "00:00:00.400";
            settings[$"{section}:RetryDelay"] = "00:00:00.200";
            settings[$"{section}:MaxRetryDelay"] = "00:00:01";
            settings[$"{section}:DrainTimeout"] = "00:00:02";
        }
        return new TestResources(cpu.Result, gpu.Result, table.Result, bucket.Result, settings);
    }
}
