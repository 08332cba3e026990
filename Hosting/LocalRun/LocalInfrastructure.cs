using System.Security.Cryptography;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;
using Backend.Hosting.Aws;
using Backend.Hosting.Ec2;
using Backend.Hosting.Local;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// The real local stand-ins for the model's infrastructure: PostgreSQL and the emulators (started
/// together, once), the EC2 stand-in, and inside them every declared database, queue, table and
/// bucket, whose physical names become the resources' allocations.
/// </summary>
internal sealed class LocalInfrastructure(LocalDependencies? dependencies, Ec2Emulator? ec2) : IAsyncDisposable
{
    public IReadOnlyList<int> ProcessIds => dependencies?.ProcessIds ?? [];

    public Ec2Emulator? Ec2 => ec2;

    public static async Task<LocalInfrastructure> StartAsync(
        DistributedApplicationModel model,
        RuntimeSet runtimes,
        LocalRunOptions options,
        IEc2InstanceBackend workloads,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var resources = model.Resources;
        var needsDependencies = resources.Any(r => r is PostgresServerResource or IAwsResource { Service: not AwsService.Ec2 });
        var instances = resources.OfType<Ec2InstanceResource>().ToList();
        foreach (var runtime in runtimes.Infrastructure)
        {
            runtime.Set(ResourceState.Starting);
        }

        var dependenciesTask = needsDependencies
            ? LocalDependencies.StartAsync(DependencyOptions(options), logger, cancellationToken)
            : Task.FromResult<LocalDependencies>(null!);
        var ec2Task = instances.Count > 0 ? StartEc2Async(instances, options, workloads, logger, cancellationToken) : Task.FromResult<Ec2Emulator>(null!);
        LocalDependencies? started = null;
        try
        {
            started = await dependenciesTask.ConfigureAwait(false);
            var infrastructure = new LocalInfrastructure(started, await ec2Task.ConfigureAwait(false));
            infrastructure.RecordEndpoints(model.ExecutionContext.Aws);
            await infrastructure.ProvisionAsync(model, runtimes, cancellationToken).ConfigureAwait(false);
            return infrastructure;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            foreach (var runtime in runtimes.Infrastructure.Where(r => r.State == ResourceState.Starting))
            {
                runtime.Set(ResourceState.FailedToStart, exception.Message);
            }
            await DisposeQuietlyAsync(started, ec2Task).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (ec2 is not null)
        {
            await ec2.DisposeAsync().ConfigureAwait(false);
        }
        if (dependencies is not null)
        {
            await dependencies.DisposeAsync().ConfigureAwait(false);
        }
    }

    // What references to AWS resources turn into in run mode: AWS_ENDPOINT_URL_* and the emulators' credentials.
    private void RecordEndpoints(AwsSettings aws)
    {
        if (dependencies is not null)
        {
            aws.EmulatorEndpoints[AwsService.Sqs] = dependencies.SqsEndpoint;
            aws.EmulatorEndpoints[AwsService.S3] = dependencies.S3Endpoint;
            aws.EmulatorEndpoints[AwsService.DynamoDb] = dependencies.DynamoDbEndpoint;
        }
        if (ec2 is not null)
        {
            aws.EmulatorEndpoints[AwsService.Ec2] = ec2.Endpoint;
        }
        var credentials = AwsEmulatorClients.Credentials.GetCredentials();
        aws.EmulatorCredentials = new AwsEmulatorCredentials(credentials.AccessKey, credentials.SecretKey);
    }

    private async Task ProvisionAsync(DistributedApplicationModel model, RuntimeSet runtimes, CancellationToken cancellationToken)
    {
        foreach (var resource in model.Resources.Where(r => r is PostgresServerResource or PostgresDatabaseResource or IAwsResource))
        {
            var runtime = runtimes[resource];
            switch (resource)
            {
                case PostgresServerResource server:
                    // The local cluster owns its superuser password (a fresh cluster has a fresh one, a
                    // kept one keeps its own), so the model's password parameter takes that value.
                    server.Password.SetValue(dependencies!.Postgres.Password);
                    server.GetEndpoints().Single().AllocatedEndpoint = new AllocatedEndpoint(PostgresServer.Host, dependencies.Postgres.Port);
                    runtime.Urls = [$"tcp://{PostgresServer.Host}:{dependencies.Postgres.Port}"];
                    break;
                case PostgresDatabaseResource database:
                    await dependencies!.Postgres.CreateDatabaseAsync(database.DatabaseName, cancellationToken).ConfigureAwait(false);
                    runtime.Urls = [$"postgres://{PostgresServer.Host}:{dependencies.Postgres.Port}/{database.DatabaseName}"];
                    break;
                case SqsQueueResource queue:
                    await ProvisionQueueAsync(queue, runtime, cancellationToken).ConfigureAwait(false);
                    break;
                case DynamoDbTableResource table:
                    using (var dynamoDb = AwsEmulatorClients.CreateDynamoDbClient(dependencies!.DynamoDbEndpoint))
                    {
                        await dynamoDb.EnsureTableAsync(table.ToDefinition(table.Name), cancellationToken).ConfigureAwait(false);
                    }
                    table.Allocation = new DynamoDbTableAllocation(table.Name);
                    runtime.Urls = [dependencies.DynamoDbEndpoint.ToString()];
                    break;
                case S3BucketResource bucket:
                    using (var s3 = AwsEmulatorClients.CreateS3Client(dependencies!.S3Endpoint))
                    {
                        await s3.EnsureBucketAsync(bucket.Name, cancellationToken).ConfigureAwait(false);
                    }
                    bucket.Allocation = new S3BucketAllocation(bucket.Name);
                    runtime.Urls = [new Uri(dependencies.S3Endpoint, bucket.Name).ToString()];
                    break;
                case Ec2InstanceResource instance:
                    runtime.Urls = [ec2!.Endpoint.ToString()];
                    break;
                default:
                    continue;
            }
            runtime.Set(resource is Ec2InstanceResource ? ResourceState.Stopped : ResourceState.Running,
                resource is Ec2InstanceResource ? "started by the orchestrator when GPU work waits" : null);
        }
    }

    private async Task ProvisionQueueAsync(SqsQueueResource queue, ResourceRuntime runtime, CancellationToken cancellationToken)
    {
        using var sqs = AwsEmulatorClients.CreateSqsClient(dependencies!.SqsEndpoint);
        var created = await sqs.EnsureQueueAsync(new SqsQueueDefinition(queue.Name)
        {
            VisibilityTimeout = queue.VisibilityTimeout ?? TimeSpan.FromSeconds(30),
            MaxReceiveCount = queue.RedrivePolicy?.MaxReceiveCount,
        }, cancellationToken).ConfigureAwait(false);
        queue.Allocation = new SqsQueueAllocation(
            new Uri(created.Url), created.Arn,
            created.DeadLetterQueue is { } dlq ? new Uri(dlq.Url) : null, created.DeadLetterQueue?.Arn);
        runtime.Urls = [created.Url, .. created.DeadLetterQueue is { } deadLetters ? [deadLetters.Url] : Array.Empty<string>()];
    }

    private static LocalDependenciesOptions DependencyOptions(LocalRunOptions options) => options.DataDirectory is not { } data
        ? new LocalDependenciesOptions()
        : new LocalDependenciesOptions
        {
            Postgres = new PostgresServerOptions { DataDirectory = Path.Combine(data, "postgres") },
            Dynalite = new DynaliteOptions { DataDirectory = Path.Combine(data, "dynamodb") },
        };

    private static async Task<Ec2Emulator> StartEc2Async(
        IReadOnlyList<Ec2InstanceResource> instances, LocalRunOptions options, IEc2InstanceBackend workloads, ILogger logger, CancellationToken cancellationToken)
    {
        var emulatorOptions = new Ec2EmulatorOptions { StartDelay = options.Ec2StartDelay, StopDelay = options.Ec2StopDelay };
        foreach (var instance in instances)
        {
            instance.Allocation = new Ec2InstanceAllocation($"i-{RandomNumberGenerator.GetHexString(17, lowercase: true)}");
            emulatorOptions.Instances.Add(new Ec2InstanceDefinition(instance.Allocation.InstanceId) { InstanceType = instance.InstanceType });
        }
        return await Ec2Emulator.StartAsync(emulatorOptions, workloads, loggerFactory: null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DisposeQuietlyAsync(LocalDependencies? dependencies, Task<Ec2Emulator> ec2)
    {
        if (dependencies is not null)
        {
            await dependencies.DisposeAsync().ConfigureAwait(false);
        }
        if (ec2.IsCompletedSuccessfully && ec2.Result is { } emulator)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
