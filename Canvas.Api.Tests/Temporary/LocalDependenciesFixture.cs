using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;

namespace Backend.Hosting.Testing;

/// <summary>
/// TEMPORARY: the shape of Hosting.Testing's fixture (branch localdeps), over a PostgreSQL and a fauxqs
/// started by hand (CANVAS_DEV_PG: connection string to the postgres database; CANVAS_DEV_S3: endpoint).
/// Compiled only while the real fixture is absent.
/// </summary>
public sealed class LocalDependenciesFixture : IAsyncLifetime
{
    private string _admin = "";
    private Uri _s3Endpoint = null!;

    public IAmazonS3 S3 { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable("CANVAS_DEV_PG") ?? throw new InvalidOperationException("Set CANVAS_DEV_PG.");
        _s3Endpoint = new Uri(Environment.GetEnvironmentVariable("CANVAS_DEV_S3") ?? throw new InvalidOperationException("Set CANVAS_DEV_S3."));
        S3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = _s3Endpoint.GetLeftPart(UriPartial.Authority),
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        });
        return ValueTask.CompletedTask;
    }

    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var dataSource = NpgsqlDataSource.Create(_admin);
        await using var command = dataSource.CreateCommand($"CREATE DATABASE \"{name}\"");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ConnectionString;
    }

    public async Task<string> CreateBucketAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test-{Guid.NewGuid():N}";
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = name }, cancellationToken);
        return name;
    }

    public IDictionary<string, string> GetServiceEnvironment() => new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_ENDPOINT_URL_S3"] = _s3Endpoint.GetLeftPart(UriPartial.Authority),
        ["AWS_ENDPOINT_URL_SQS"] = _s3Endpoint.GetLeftPart(UriPartial.Authority),
    };

    public ValueTask DisposeAsync()
    {
        S3?.Dispose();
        return ValueTask.CompletedTask;
    }
}
