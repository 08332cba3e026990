using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;
using Microsoft.Extensions.Configuration;

// The whole backend on one screen. Locally every part runs on 127.0.0.1 without Docker: PostgreSQL from the machine's
// binaries, fauxqs (SQS + S3), dynalite (DynamoDB) and our EC2 stand-in; published, the AWS resources are CloudFormation
// templates and the database is the deployment's own. Services learn everything from the environment the references
// produce (ConnectionStrings__*, services__*, AWS__Resources__*): see docs/configuration.md.
var builder = DistributedApplication.CreateBuilder(args);
builder.AddServiceSupervisor();
// Published (`--operation publish --step publish`), the whole backend is one CloudFormation stack on ECS: see README.
builder.AddEcsEnvironment("aws");

var jwtSecret = builder.ExecutionContext.IsRunMode
    ? builder.AddParameter("supabase-jwt-secret", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true)
    : builder.AddParameter("supabase-jwt-secret", secret: true);
// The `iss` of the project's tokens (https://<project>.supabase.co/auth/v1), checked on every token. Locally the
// AppHost's development tokens carry the Supabase CLI's local issuer.
var supabaseIssuer = builder.ExecutionContext.IsRunMode
    ? builder.AddParameter("supabase-issuer", () => builder.Configuration["Parameters:supabase-issuer"] ?? "http://127.0.0.1:54321/auth/v1")
    : builder.AddParameter("supabase-issuer");
var orchestratorApiKey = builder.AddParameter("orchestrator-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

var canvasDb = builder.AddPostgres("postgres").AddDatabase("canvasdb");

var fauxqs = builder.AddFauxqs("fauxqs");
var gpuTasks = fauxqs.AddQueue("gpu-tasks-queue", "gpu_tasks_queue").WithDeadLetterQueue(maxReceiveCount: 5);
var cpuTasks = fauxqs.AddQueue("cpu-tasks-queue", "cpu_tasks_queue").WithDeadLetterQueue(maxReceiveCount: 5);
// Canvas.Api stages presigned uploads under staging/ and sweeps what is never confirmed; in AWS S3 expires it too.
var images = fauxqs.AddBucket("images").WithExpiration("staging/", days: 1);
var taskStore = builder.AddDynalite("dynalite").AddTable("task-store", "task_store")
    .WithPartitionKey(DynamoDbKey.Text("task_id"))
    .WithGlobalSecondaryIndex("by_session", DynamoDbKey.Text("session_id"), DynamoDbKey.Text("created_at"))
    .WithGlobalSecondaryIndex("by_outbox", DynamoDbKey.Text("outbox"), DynamoDbKey.Text("created_at"), ProjectionType.KEYS_ONLY)
    .WithTimeToLive("expires_at");
var gpuInstance = builder.AddEc2Instance("gpu-instance", instanceType: "g5.xlarge");

var orchestrator = builder.AddProject<Projects.Orchestrator>("orchestrator")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Ports:orchestrator", 8080), isProxied: false)
    .WithHttpReadinessCheck("/health")
    .WithReference(gpuTasks).WithReference(cpuTasks).WithReference(taskStore).WithReference(images).WithReference(gpuInstance)
    .WithEnvironment("Auth__ApiKey", orchestratorApiKey)
    .WaitFor(gpuTasks).WaitFor(cpuTasks).WaitFor(taskStore).WaitFor(images)
    .PublishAsEcsService(service => service.ScaleOnBacklogOf(cpuTasks));

builder.AddProject<Projects.Canvas_Api>("canvas-api")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Ports:canvas-api", 9000), isProxied: false)
    .WithExternalHttpEndpoints()
    .WithHttpReadinessCheck("/health")
    .WithReference(canvasDb).WithReference(images).WithReference(orchestrator)
    .WithEnvironment("Auth__JwtSecret", jwtSecret)
    .WithEnvironment("Auth__Issuer", supabaseIssuer)
    .WithEnvironment("Orchestrator__ApiKey", orchestratorApiKey)
    .WithDevelopmentToken(jwtSecret, supabaseIssuer)
    .PublishAsEcsService(service => { service.Cpu = 512; service.MemoryMiB = 1024; service.DesiredCount = 2; })
    // Not WaitFor(orchestrator): Canvas.Api starts without it and answers 503 + Retry-After while it is down.
    .WaitFor(canvasDb).WaitFor(images);

builder.AddProject<Projects.GpuWorker>("gpuworker")
    .RunsOn(gpuInstance)
    .WithReference(gpuTasks).WithReference(taskStore).WithReference(images);

builder.Build().Run();
