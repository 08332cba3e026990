using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;

// The whole system on one screen. Services learn everything through the environment variables the references
// produce (ConnectionStrings__*, services__*, AWS__Resources__*); see Hosting/ApplicationModel.
var builder = DistributedApplication.CreateBuilder(args);

var jwtSecret = builder.AddParameter("supabase-jwt-secret", secret: true);
var orchestratorApiKey = builder.AddParameter("orchestrator-api-key", secret: true).WithGeneratedDefault(minLength: 32);

var canvasDb = builder.AddPostgres("postgres").AddDatabase("canvasdb");

var gpuTasks = builder.AddSqsQueue("gpu_tasks_queue").WithDeadLetterQueue(maxReceiveCount: 5);
var cpuTasks = builder.AddSqsQueue("cpu_tasks_queue").WithDeadLetterQueue(maxReceiveCount: 5);
var taskStore = builder.AddDynamoDbTable("task_store")
    .WithPartitionKey(DynamoDbKey.Text("task_id"))
    .WithGlobalSecondaryIndex("by_session", DynamoDbKey.Text("session_id"), DynamoDbKey.Text("created_at"))
    .WithGlobalSecondaryIndex("by_outbox", DynamoDbKey.Text("outbox"), DynamoDbKey.Text("created_at"), ProjectionType.KEYS_ONLY)
    .WithTimeToLive("expires_at");
var images = builder.AddS3Bucket("images");
var gpuInstance = builder.AddEc2Instance("gpu-instance", instanceType: "g5.xlarge");

var orchestrator = builder.AddProject<Projects.Orchestrator>("orchestrator")
    .WithHttpEndpoint(port: 8080)
    .WithHttpHealthCheck("/health")
    .WithReference(gpuTasks).WithReference(cpuTasks).WithReference(taskStore).WithReference(images).WithReference(gpuInstance)
    .WithEnvironment("Auth__ApiKey", orchestratorApiKey)
    .WaitFor(gpuTasks).WaitFor(cpuTasks).WaitFor(taskStore).WaitFor(images);

builder.AddProject<Projects.Canvas_Api>("canvas-api")
    .WithHttpEndpoint(port: 9000)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(canvasDb).WithReference(images).WithReference(orchestrator)
    .WithEnvironment("Auth__JwtSecret", jwtSecret)
    .WithEnvironment("Orchestrator__ApiKey", orchestratorApiKey)
    .WithDevelopmentToken(jwtSecret)
    // Not WaitFor(orchestrator): Canvas.Api starts without it and answers 503 + Retry-After while it is down.
    .WaitFor(canvasDb).WaitFor(images);

builder.AddProject<Projects.GpuWorker>("gpuworker")
    .RunsOn(gpuInstance)
    .WithReference(gpuTasks).WithReference(taskStore).WithReference(images);

return builder.Build().Run();

// For the testing entry point (Hosting.Testing): tests name the AppHost by this type.
public partial class Program;
