using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using Backend.Hosting.Aws;
using Backend.Hosting.Local;
using Backend.Hosting.Processes;
using Xunit;

namespace Backend.Hosting.Testing;

/// <summary>
/// One set of real local dependencies (PostgreSQL, fauxqs, dynalite) per test assembly, handing
/// every test fresh, uniquely named resources so that tests run in parallel without seeing each
/// other's data. Use it as <c>[assembly: AssemblyFixture(typeof(LocalDependenciesFixture))]</c>.
/// </summary>
public sealed class LocalDependenciesFixture : IAsyncLifetime
{
    private LocalDependencies? _dependencies;

    /// <summary>The running dependencies.</summary>
    public LocalDependencies Dependencies => _dependencies ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>An SQS client for fauxqs.</summary>
    public IAmazonSQS Sqs { get; private set; } = null!;

    /// <summary>An S3 client for fauxqs.</summary>
    public IAmazonS3 S3 { get; private set; } = null!;

    /// <summary>A DynamoDB client for dynalite.</summary>
    public IAmazonDynamoDB DynamoDb { get; private set; } = null!;

    /// <summary>How long the dependencies took to start.</summary>
    public string StartupSummary => Dependencies.StartupSummary;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        // A test process whose runner was killed (blame-hang, CI timeout) must not live on holding emulators.
        OrphanWatchdog.Start();
        _dependencies = await LocalDependencies.StartAsync(logger: new DiagnosticMessageLogger(), cancellationToken: TestContext.Current.CancellationToken);
        Sqs = AwsEmulatorClients.CreateSqsClient(_dependencies.SqsEndpoint);
        S3 = AwsEmulatorClients.CreateS3Client(_dependencies.S3Endpoint);
        DynamoDb = AwsEmulatorClients.CreateDynamoDbClient(_dependencies.DynamoDbEndpoint);
    }

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        Dependencies.Postgres.CreateDatabaseAsync($"test_{Guid.NewGuid():N}", cancellationToken);

    /// <summary>
    /// Creates a uniquely named queue (and dead-letter queue) from <paramref name="definition"/>,
    /// whose name serves as a prefix; a default queue with a dead-letter queue when null.
    /// </summary>
    public Task<SqsQueue> CreateQueueAsync(SqsQueueDefinition? definition = null, CancellationToken cancellationToken = default)
    {
        definition ??= new SqsQueueDefinition("queue");
        return Sqs.EnsureQueueAsync(definition with { Name = UniqueName(definition.Name), DeadLetterQueueName = null }, cancellationToken);
    }

    /// <summary>Creates a uniquely named table from <paramref name="definition"/> (its name a prefix) and returns the name.</summary>
    public async Task<string> CreateTableAsync(DynamoDbTableDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var unique = definition with { TableName = UniqueName(definition.TableName) };
        await DynamoDb.EnsureTableAsync(unique, cancellationToken);
        return unique.TableName;
    }

    /// <summary>Creates a uniquely named bucket and returns its name.</summary>
    public async Task<string> CreateBucketAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test-{Guid.NewGuid():N}";
        await S3.EnsureBucketAsync(name, cancellationToken);
        return name;
    }

    /// <summary>The environment variables a service process gets to use these emulators (a new copy each call).</summary>
    public IDictionary<string, string> GetServiceEnvironment() => Dependencies.GetAwsEnvironment();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Sqs?.Dispose();
        S3?.Dispose();
        DynamoDb?.Dispose();
        if (_dependencies is not null)
        {
            await _dependencies.DisposeAsync();
        }
    }

    // Short enough for SQS (80, with "-dlq") and table names, unique across parallel tests.
    private static string UniqueName(string prefix) => $"{prefix[..Math.Min(prefix.Length, 40)]}-{Guid.NewGuid():N}";
}
