using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.Tests.ApplicationModel;

public sealed class ModelValidationTests
{
    [Fact]
    public void WaitForRecordsTheDependency()
    {
        var builder = TestApplication.CreateRunBuilder();
        var bucket = builder.AddS3Bucket("images");
        var api = builder.AddProject<TestProjects.CanvasApi>("canvas-api").WaitFor(bucket);

        Assert.Same(bucket.Resource, Assert.Single(api.Resource.Annotations.OfType<WaitAnnotation>()).Resource);
    }

    [Fact]
    public void ADuplicateNameIsRejectedWhateverItsCase()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddS3Bucket("images");

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddSqsQueue("Images"));

        Assert.Equal("Cannot add SqsQueue 'Images': the application already has S3Bucket 'images' (names are case-insensitive).", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1queue")]
    [InlineData("has space")]
    [InlineData("dots.not.allowed")]
    public void AnInvalidNameIsRejected(string name)
    {
        var builder = TestApplication.CreateRunBuilder();

        Assert.ThrowsAny<ArgumentException>(() => builder.AddS3Bucket(name));
    }

    [Fact]
    public void WaitsThatFormACycleAreRejectedNamingTheCycle()
    {
        var builder = TestApplication.CreateRunBuilder();
        var api = builder.AddProject<TestProjects.CanvasApi>("canvas-api");
        var orchestrator = builder.AddProject<TestProjects.Orchestrator>("orchestrator").WaitFor(api);
        api.WaitFor(orchestrator);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Equal("The resources wait for each other in a cycle: canvas-api → orchestrator → canvas-api.", error.Message);
    }

    [Fact]
    public void AWaitForItselfIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        var api = builder.AddProject<TestProjects.CanvasApi>("canvas-api");

        Assert.Throws<DistributedApplicationException>(() => api.WaitFor(api));
    }

    [Fact]
    public void AReferenceToAResourceOfAnotherApplicationIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        var stranger = TestApplication.CreateRunBuilder().AddS3Bucket("images");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(stranger);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Equal(
            "Project 'canvas-api' references S3Bucket 'images', which is not part of this application: add it with this builder first.",
            error.Message);
    }

    [Fact]
    public void AWaitForAResourceOfAnotherApplicationIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        var stranger = TestApplication.CreateRunBuilder().AddPostgres("postgres");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WaitFor(stranger);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Contains("waits for PostgresServer 'postgres', which is not part of this application", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitingForAProjectThatRunsOnAnInstanceIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        var gpu = builder.AddEc2Instance("gpu-instance", "g5.xlarge");
        var worker = builder.AddProject<TestProjects.GpuWorker>("gpuworker").RunsOn(gpu);
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WaitFor(worker);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Contains("it runs on Ec2Instance 'gpu-instance' and starts only when that instance is started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProjectThatRunsOnAnInstanceIsItsWorkload()
    {
        var builder = TestApplication.CreateRunBuilder();
        var gpu = builder.AddEc2Instance("gpu-instance", "g5.xlarge");
        var worker = builder.AddProject<TestProjects.GpuWorker>("gpuworker").RunsOn(gpu);

        Assert.Same(worker.Resource, Assert.Single(gpu.Resource.Workloads));
        Assert.Same(gpu.Resource, Assert.Single(worker.Resource.Annotations.OfType<RunsOnAnnotation>()).Instance);
        Assert.Throws<DistributedApplicationException>(() => worker.RunsOn(builder.AddEc2Instance("other", "g5.xlarge")));
    }

    [Fact]
    public void AHealthCheckOnAMissingEndpointIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithHttpHealthCheck("/health");

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Contains("probes the endpoint 'http', but it has no such HTTP endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATableWithoutAPartitionKeyIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddDynamoDbTable("task_store");

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Equal("DynamoDbTable 'task_store' has no partition key: call WithPartitionKey.", error.Message);
    }

    [Fact]
    public void ATableUsingOneAttributeWithTwoTypesIsRejected()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddDynamoDbTable("task_store")
            .WithPartitionKey(DynamoDbKey.Text("task_id"))
            .WithGlobalSecondaryIndex("by_task", DynamoDbKey.Numeric("task_id"));

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Contains("uses the attribute 'task_id' with different types", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeadLetterQueueNeedsAPlausibleReceiveCount()
    {
        var queue = TestApplication.CreateRunBuilder().AddSqsQueue("gpu_tasks_queue");

        Assert.Throws<ArgumentOutOfRangeException>(() => queue.WithDeadLetterQueue(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.WithVisibilityTimeout(TimeSpan.FromHours(13)));
    }

    [Fact]
    public void ADatabaseImplicitlyWaitsForItsServerSoACycleThroughItIsFound()
    {
        var builder = TestApplication.CreateRunBuilder();
        var server = builder.AddPostgres("postgres");
        var db = server.AddDatabase("canvasdb");
        var api = builder.AddProject<TestProjects.CanvasApi>("canvas-api").WaitFor(db);
        builder.CreateResourceBuilder(server.Resource).WithAnnotation(new WaitAnnotation(api.Resource));

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Contains("postgres → canvas-api → canvasdb → postgres", error.Message, StringComparison.Ordinal);
    }
}
