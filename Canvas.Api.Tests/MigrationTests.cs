using Backend.Hosting.Testing;
using Canvas.Api.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Canvas.Api.Tests;

public sealed class MigrationTests(LocalDependenciesFixture dependencies)
{
    private static readonly int MigrationCount = Migration.LoadEmbedded().Count;

    [Fact]
    public async Task MigratingTwiceAppliesEachScriptOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await dependencies.CreateDatabaseAsync());
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal((MigrationCount, 0), (first, second));
        Assert.Equal(MigrationCount, await CountAsync(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ReplicasMigratingAtOnceApplyEachScriptOnce()
    {
        var connectionString = await dependencies.CreateDatabaseAsync();
        // Separate data sources: separate pools, like separate replicas.
        var replicas = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();

        var applied = await Task.WhenAll(replicas.Select(dataSource =>
            new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None)));

        Assert.Equal(MigrationCount, applied.Sum());
        Assert.Equal(MigrationCount, await CountAsync(replicas[0], "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(3, await CountAsync(replicas[0], "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('sessions', 'images', 'tasks')"));
        foreach (var dataSource in replicas)
        {
            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public void MigrationsAreNumberedWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, MigrationCount), Migration.LoadEmbedded().Select(migration => migration.Version));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
