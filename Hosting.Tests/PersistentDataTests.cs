using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;
using Backend.Hosting.Local;
using Npgsql;

namespace Backend.Hosting.Tests;

/// <summary>The "keep data between runs" mode of the AppHost: a cluster and tables reopened from disk.</summary>
public sealed class PersistentDataTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("backend-persist-");

    public PersistentDataTests() =>
        // Readable by all: when root, PostgreSQL runs as the postgres user and must reach the cluster inside.
        File.SetUnixFileMode(_root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    [Fact]
    public async Task PostgresClusterInADataDirectoryKeepsRowsAcrossRestarts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = new PostgresServerOptions { DataDirectory = Path.Combine(_root.FullName, "postgres") };
        await using (var first = await PostgresServer.StartAsync(options, cancellationToken: cancellationToken))
        {
            await using var dataSource = NpgsqlDataSource.Create(await first.CreateDatabaseAsync("canvas", cancellationToken));
            await using var write = dataSource.CreateCommand("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var second = await PostgresServer.StartAsync(options, cancellationToken: cancellationToken);
        await using var read = NpgsqlDataSource.Create(await second.CreateDatabaseAsync("canvas", cancellationToken)).CreateCommand("SELECT v FROM kept");

        Assert.Equal("still here", await read.ExecuteScalarAsync(cancellationToken));
    }

    [Fact]
    public async Task DynaliteWithADataDirectoryKeepsTablesAcrossRestarts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = new DynaliteOptions { DataDirectory = Path.Combine(_root.FullName, "dynamodb") };
        var table = new DynamoDbTableDefinition("kept", new DynamoDbKey("pk", ScalarAttributeType.S));
        await using (var first = await DynaliteEmulator.StartAsync(options, cancellationToken: cancellationToken))
        {
            using var client = AwsEmulatorClients.CreateDynamoDbClient(first.Endpoint);
            await client.EnsureTableAsync(table, cancellationToken);
        }

        await using var second = await DynaliteEmulator.StartAsync(options, cancellationToken: cancellationToken);
        using var reopened = AwsEmulatorClients.CreateDynamoDbClient(second.Endpoint);

        Assert.Contains("kept", (await reopened.ListTablesAsync(cancellationToken)).TableNames);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
