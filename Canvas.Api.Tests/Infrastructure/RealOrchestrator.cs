extern alias OrchestratorApp;

using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;
using Backend.Hosting.Testing;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>
/// The real Orchestrator (its API and in-process CPU worker) on Kestrel, on its own queues and table
/// and on the same images bucket as Canvas.Api, as the AppHost wires them.
/// </summary>
public sealed class RealOrchestrator : WebApplicationFactory<OrchestratorApp::Program>
{
    private readonly Dictionary<string, string?> _settings;

    private RealOrchestrator(Dictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<RealOrchestrator> StartAsync(LocalDependenciesFixture dependencies, string bucketName, string apiKey)
    {
        var cpu = await dependencies.CreateQueueAsync(new SqsQueueDefinition("cpu") { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        var gpu = await dependencies.CreateQueueAsync(new SqsQueueDefinition("gpu") { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        var table = await dependencies.CreateTableAsync(new DynamoDbTableDefinition(TaskQueueNames.Table, Key(TaskTable.TaskId))
        {
            GlobalSecondaryIndexes =
            [
                new DynamoDbGlobalSecondaryIndex(TaskTable.BySessionIndex, Key(TaskTable.SessionId), Key(TaskTable.CreatedAt)),
                new DynamoDbGlobalSecondaryIndex(TaskTable.ByOutboxIndex, Key(TaskTable.Outbox), Key(TaskTable.CreatedAt)) { Projection = ProjectionType.KEYS_ONLY },
            ],
            TimeToLiveAttribute = TaskTable.ExpiresAt,
        });
        var settings = dependencies.GetServiceEnvironment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        settings["Auth:ApiKey"] = apiKey;
        settings[$"AWS:Resources:{TaskQueueNames.Cpu}:QueueUrl"] = cpu.Url;
        settings[$"AWS:Resources:{TaskQueueNames.Cpu}:DeadLetterQueueUrl"] = cpu.DeadLetterQueue?.Url;
        settings[$"AWS:Resources:{TaskQueueNames.Gpu}:QueueUrl"] = gpu.Url;
        settings[$"AWS:Resources:{TaskQueueNames.Gpu}:DeadLetterQueueUrl"] = gpu.DeadLetterQueue?.Url;
        settings[$"AWS:Resources:{TaskQueueNames.Table}:TableName"] = table;
        settings[$"AWS:Resources:{TaskQueueNames.Bucket}:BucketName"] = bucketName;
        // Short polls, so that a queued task is picked up within a second.
        settings["Workers:Cpu:WaitTime"] = "00:00:01";
        settings["Workers:DeadLetter:WaitTime"] = "00:00:01";
        // Thumbnails run on the CPU queue: the GPU instance controller has nothing to do here.
        settings["Gpu:Enabled"] = "false";

        var orchestrator = new RealOrchestrator(settings);
        orchestrator.StartServer();
        return orchestrator;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    private static DynamoDbKey Key(string name) => new(name, ScalarAttributeType.S);
}
