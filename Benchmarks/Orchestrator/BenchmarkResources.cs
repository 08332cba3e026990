using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;
using Backend.Hosting.Local;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;

namespace Backend.Benchmarks.Orchestrator;

/// <summary>Fresh queues, table and bucket on the emulators, and the environment a service gets for them.</summary>
internal sealed record BenchmarkResources(SqsQueue Cpu, SqsQueue Gpu, string Table, string Bucket, IDictionary<string, string> Environment)
{
    public static async Task<BenchmarkResources> CreateAsync(LocalDependencies dependencies, AwsClients clients)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var cpu = await clients.Sqs.EnsureQueueAsync(new SqsQueueDefinition($"cpu-{suffix}") { MaxReceiveCount = 5 });
        var gpu = await clients.Sqs.EnsureQueueAsync(new SqsQueueDefinition($"gpu-{suffix}") { MaxReceiveCount = 5 });
        var table = $"task_store-{suffix}";
        await clients.DynamoDb.EnsureTableAsync(new DynamoDbTableDefinition(table, Key(TaskTable.TaskId))
        {
            GlobalSecondaryIndexes =
            [
                new DynamoDbGlobalSecondaryIndex(TaskTable.BySessionIndex, Key(TaskTable.SessionId), Key(TaskTable.CreatedAt)),
                new DynamoDbGlobalSecondaryIndex(TaskTable.ByOutboxIndex, Key(TaskTable.Outbox), Key(TaskTable.CreatedAt)) { Projection = Amazon.DynamoDBv2.ProjectionType.KEYS_ONLY },
            ],
            TimeToLiveAttribute = TaskTable.ExpiresAt,
        });
        var bucket = $"images-{suffix}";
        await clients.S3.EnsureBucketAsync(bucket);
        var environment = dependencies.GetAwsEnvironment();
        environment[$"AWS__Resources__{TaskQueueNames.Cpu}__QueueUrl"] = cpu.Url;
        environment[$"AWS__Resources__{TaskQueueNames.Cpu}__DeadLetterQueueUrl"] = cpu.DeadLetterQueue!.Url;
        environment[$"AWS__Resources__{TaskQueueNames.Gpu}__QueueUrl"] = gpu.Url;
        environment[$"AWS__Resources__{TaskQueueNames.Table}__TableName"] = table;
        environment[$"AWS__Resources__{TaskQueueNames.Bucket}__BucketName"] = bucket;
        return new BenchmarkResources(cpu, gpu, table, bucket, environment);
    }

    private static DynamoDbKey Key(string name) => new(name, ScalarAttributeType.S);
}

internal sealed record AwsClients(Amazon.SQS.IAmazonSQS Sqs, Amazon.S3.IAmazonS3 S3, IAmazonDynamoDB DynamoDb)
{
    public static AwsClients For(LocalDependencies dependencies) => new(
        AwsEmulatorClients.CreateSqsClient(dependencies.SqsEndpoint),
        AwsEmulatorClients.CreateS3Client(dependencies.S3Endpoint),
        AwsEmulatorClients.CreateDynamoDbClient(dependencies.DynamoDbEndpoint));
}
