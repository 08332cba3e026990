using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.Tests.ApplicationModel;

public sealed class ReferenceTests
{
    [Fact]
    public async Task ReferencingADatabaseYieldsExactlyItsConnectionString()
    {
        var builder = TestApplication.CreateRunBuilder("--Parameters:postgres-password", "pg-pass");
        var canvasDb = builder.AddPostgres("postgres").AddDatabase("canvasdb");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(canvasDb);
        var app = builder.BuildAndAllocate();
        var port = app.Model["postgres"].GetEndpoints().Single().AllocatedEndpoint!.Port;

        var environment = await app.EnvironmentOf("canvas-api");

        Assert.Equal(
            new Dictionary<string, string> { ["ConnectionStrings__canvasdb"] = $"Host=127.0.0.1;Port={port};Username=postgres;Password=pg-pass;Database=canvasdb" },
            environment.ExceptProjectDefaults());
    }

    [Fact]
    public async Task ReferencingADatabaseInPublishModeYieldsItsConnectionStringPlaceholder()
    {
        var builder = TestApplication.CreatePublishBuilder();
        var canvasDb = builder.AddPostgres("postgres").AddDatabase("canvasdb");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(canvasDb);

        var environment = await builder.Build().EnvironmentOf("canvas-api");

        Assert.Equal(
            new Dictionary<string, string> { ["ConnectionStrings__canvasdb"] = "{canvasdb.connectionString}" },
            environment.ExceptProjectDefaults());
    }

    [Fact]
    public async Task ReferencingAProjectYieldsTheUrlOfEachOfItsHttpEndpoints()
    {
        var builder = TestApplication.CreateRunBuilder();
        var orchestrator = builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080).WithHttpsEndpoint(port: 8443);
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(orchestrator);

        var environment = await builder.BuildAndAllocate().EnvironmentOf("canvas-api");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["services__orchestrator__http__0"] = "http://127.0.0.1:8080",
                ["services__orchestrator__https__0"] = "https://127.0.0.1:8443",
            },
            environment.ExceptProjectDefaults());
    }

    [Fact]
    public async Task ReferencingAProjectInPublishModeYieldsItsBindingUrlPlaceholder()
    {
        var builder = TestApplication.CreatePublishBuilder();
        var orchestrator = builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080);
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(orchestrator);

        var environment = await builder.Build().EnvironmentOf("canvas-api");

        Assert.Equal("{orchestrator.bindings.http.url}", environment["services__orchestrator__http__0"]);
    }

    [Fact]
    public async Task AQueueWithADeadLetterQueueYieldsItsFourResourceVariablesAndTheSqsEmulatorInRunMode()
    {
        var builder = TestApplication.CreateRunBuilder();
        var queue = builder.AddSqsQueue("gpu_tasks_queue").WithDeadLetterQueue(maxReceiveCount: 5);
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithReference(queue);

        var environment = await builder.BuildAndAllocate().EnvironmentOf("orchestrator");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AWS__Resources__gpu_tasks_queue__QueueUrl"] = "http://127.0.0.1:4566/000000000000/gpu_tasks_queue",
                ["AWS__Resources__gpu_tasks_queue__QueueArn"] = "arn:aws:sqs:us-east-1:000000000000:gpu_tasks_queue",
                ["AWS__Resources__gpu_tasks_queue__DeadLetterQueueUrl"] = "http://127.0.0.1:4566/000000000000/gpu_tasks_queue-dlq",
                ["AWS__Resources__gpu_tasks_queue__DeadLetterQueueArn"] = "arn:aws:sqs:us-east-1:000000000000:gpu_tasks_queue-dlq",
                ["AWS_REGION"] = "us-east-1",
                ["AWS_ENDPOINT_URL_SQS"] = "http://127.0.0.1:4566",
                ["AWS_ACCESS_KEY_ID"] = "local",
                ["AWS_SECRET_ACCESS_KEY"] = "local-secret",
            },
            environment.ExceptProjectDefaults());
    }

    [Fact]
    public async Task AQueueInPublishModeYieldsStackOutputsAndTheRegionButNoEndpointOrCredentials()
    {
        var builder = TestApplication.CreatePublishBuilder();
        var queue = builder.AddSqsQueue("gpu_tasks_queue").WithDeadLetterQueue(maxReceiveCount: 5);
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithReference(queue);

        var environment = await builder.Build().EnvironmentOf("orchestrator");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AWS__Resources__gpu_tasks_queue__QueueUrl"] = "{gpu_tasks_queue.output.QueueUrl}",
                ["AWS__Resources__gpu_tasks_queue__QueueArn"] = "{gpu_tasks_queue.output.QueueArn}",
                ["AWS__Resources__gpu_tasks_queue__DeadLetterQueueUrl"] = "{gpu_tasks_queue.output.DeadLetterQueueUrl}",
                ["AWS__Resources__gpu_tasks_queue__DeadLetterQueueArn"] = "{gpu_tasks_queue.output.DeadLetterQueueArn}",
                ["AWS_REGION"] = "us-east-1",
            },
            environment.ExceptProjectDefaults());
    }

    [Fact]
    public async Task AQueueWithoutADeadLetterQueueYieldsOnlyItsUrlAndArn()
    {
        var builder = TestApplication.CreatePublishBuilder();
        var queue = builder.AddSqsQueue("cpu_tasks_queue");
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithReference(queue);

        var environment = await builder.Build().EnvironmentOf("orchestrator");

        Assert.Equal(
            ["AWS__Resources__cpu_tasks_queue__QueueUrl", "AWS__Resources__cpu_tasks_queue__QueueArn", "AWS_REGION"],
            environment.ExceptProjectDefaults().Keys);
    }

    [Fact]
    public async Task ATableABucketAndAnInstanceYieldTheirPhysicalNamesAndEachServicesEmulatorOnly()
    {
        var builder = TestApplication.CreateRunBuilder();
        var table = builder.AddDynamoDbTable("task_store").WithPartitionKey(DynamoDbKey.Text("task_id"));
        var bucket = builder.AddS3Bucket("images");
        var instance = builder.AddEc2Instance("gpu-instance", "g5.xlarge");
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithReference(table).WithReference(bucket).WithReference(instance);

        var environment = await builder.BuildAndAllocate().EnvironmentOf("orchestrator");

        Assert.Equal("task_store-a1b2", environment["AWS__Resources__task_store__TableName"]);
        Assert.Equal("images-a1b2", environment["AWS__Resources__images__BucketName"]);
        Assert.Equal("i-0123456789abcdef0", environment["AWS__Resources__gpu-instance__InstanceId"]);
        Assert.Equal("http://127.0.0.1:4567", environment["AWS_ENDPOINT_URL_DYNAMODB"]);
        Assert.Equal("http://127.0.0.1:4566", environment["AWS_ENDPOINT_URL_S3"]);
        Assert.Equal("http://127.0.0.1:4568", environment["AWS_ENDPOINT_URL_EC2"]);
        Assert.False(environment.ContainsKey("AWS_ENDPOINT_URL_SQS"));
    }

    [Fact]
    public async Task TheRegionComesFromConfiguration()
    {
        var builder = TestApplication.CreatePublishBuilder("--AWS:Region", "eu-west-1");
        var bucket = builder.AddS3Bucket("images");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(bucket);

        var environment = await builder.Build().EnvironmentOf("canvas-api");

        Assert.Equal("eu-west-1", environment["AWS_REGION"]);
    }

    [Fact]
    public async Task AnAwsReferenceFailsClearlyWhenTheRunnerHasNotCreatedTheResourceYet()
    {
        var builder = TestApplication.CreateRunBuilder();
        var bucket = builder.AddS3Bucket("images");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(bucket);
        var app = builder.Build();
        app.Model.ExecutionContext.Telemetry.OtlpEndpoint = new Uri("http://127.0.0.1:4317");
        app.Model.ExecutionContext.Aws.EmulatorEndpoints[AwsService.S3] = new Uri("http://127.0.0.1:4566");
        app.Model.ExecutionContext.Aws.EmulatorCredentials = new AwsEmulatorCredentials("local", "local");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.EnvironmentOf("canvas-api"));

        Assert.Contains("S3Bucket 'images' has not been created yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAwsReferenceFailsClearlyWhenNoEmulatorIsKnownForTheService()
    {
        var builder = TestApplication.CreateRunBuilder();
        var bucket = builder.AddS3Bucket("images");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(bucket);
        var app = builder.BuildAndAllocate();
        app.Model.ExecutionContext.Aws.EmulatorEndpoints.Remove(AwsService.S3);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.EnvironmentOf("canvas-api"));

        Assert.Contains("No S3 emulator is known", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceIsRecordedOnTheReferencingResource()
    {
        var builder = TestApplication.CreateRunBuilder();
        var bucket = builder.AddS3Bucket("images");
        var api = builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(bucket);

        Assert.Same(bucket.Resource, Assert.Single(api.Resource.Annotations.OfType<ReferenceAnnotation>()).Resource);
    }
}
