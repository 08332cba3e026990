using System.Text.Json;
using System.Text.Json.Nodes;
using Backend.Hosting.ApplicationModel.Aws;
using Backend.Hosting.Tests.ApplicationModel;

namespace Backend.Hosting.Tests.Publishing;

/// <summary>Publishes a model into a temporary directory and reads back what a deployment tool would read.</summary>
internal sealed class PublishedManifest : IDisposable
{
    private PublishedManifest(string directory, string text)
    {
        Directory = directory;
        Text = text;
        Json = JsonNode.Parse(text)!.AsObject();
    }

    public string Directory { get; }

    public string Text { get; }

    public JsonObject Json { get; }

    public JsonObject Resources => Json["resources"]!.AsObject();

    public static async Task<PublishedManifest> PublishAsync(Action<IDistributedApplicationBuilder> declare)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("appmodel-manifest-").FullName;
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--publisher", "manifest", "--output-path", "aspire-manifest.json"],
            AppHostDirectory = directory,
        });
        declare(builder);
        Assert.Equal(0, await builder.Build().RunAsync(TestContext.Current.CancellationToken));
        return new PublishedManifest(directory, await File.ReadAllTextAsync(Path.Combine(directory, "aspire-manifest.json")));
    }

    /// <summary>Declares one resource of every kind the publisher writes, in every variant.</summary>
    public static void DeclareEveryKind(IDistributedApplicationBuilder builder)
    {
        var secret = builder.AddParameter("jwt-secret", secret: true);
        var plain = builder.AddParameter("feature-flag");
        var db = builder.AddPostgres("postgres").AddDatabase("canvasdb", databaseName: "canvas");
        var queue = builder.AddSqsQueue("gpu_tasks_queue").WithDeadLetterQueue(5).WithVisibilityTimeout(TimeSpan.FromMinutes(5));
        var plainQueue = builder.AddSqsQueue("cpu_tasks_queue");
        var table = builder.AddDynamoDbTable("task_store")
            .WithPartitionKey(DynamoDbKey.Text("task_id"), DynamoDbKey.Numeric("attempt"))
            .WithGlobalSecondaryIndex("by_session", DynamoDbKey.Text("session_id"), DynamoDbKey.Text("created_at"))
            .WithTimeToLive("expires_at");
        var bucket = builder.AddS3Bucket("images");
        var gpu = builder.AddEc2Instance("gpu-instance", "g5.xlarge");
        var launcher = builder.AddExecutable("launcher", "node", "tools", "launch.mjs").WithHttpEndpoint(env: "PORT");
        var orchestrator = builder.AddProject<TestProjects.Orchestrator>("orchestrator")
            .WithHttpEndpoint(port: 8080).WithHttpsEndpoint().WithReplicas(2).WithArgs("--verbose")
            .WithReference(queue).WithReference(plainQueue).WithReference(table).WithReference(gpu).WithReference(launcher)
            .WithEnvironment("Feature__Flag", plain);
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithHttpEndpoint(port: 9000).WithExternalHttpEndpoints()
            .WithReference(db).WithReference(bucket).WithReference(orchestrator).WithEnvironment("Auth__JwtSecret", secret)
            .WaitFor(db).WaitFor(orchestrator);
        builder.AddProject<TestProjects.GpuWorker>("gpuworker").RunsOn(gpu).WithReference(queue);
    }

    public JsonObject Template(string resourceName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, Resources[resourceName]!["template-path"]!.GetValue<string>())))!.AsObject();

    public JsonElement AsElement() => JsonDocument.Parse(Text).RootElement;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
