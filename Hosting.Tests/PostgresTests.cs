using Backend.Hosting.Testing;
using Npgsql;

namespace Backend.Hosting.Tests;

public sealed class PostgresTests(LocalDependenciesFixture dependencies)
{
    [Fact]
    public async Task RowWrittenThroughNpgsqlIsReadBack()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await dependencies.CreateDatabaseAsync(cancellationToken));
        await using (var create = dataSource.CreateCommand("CREATE TABLE sessions (id uuid PRIMARY KEY, title text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var id = Guid.NewGuid();
        await using (var insert = dataSource.CreateCommand("INSERT INTO sessions (id, title) VALUES ($1, $2)"))
        {
            insert.Parameters.Add(new() { Value = id });
            insert.Parameters.Add(new() { Value = "Episode 1 storyboard" });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = dataSource.CreateCommand("SELECT title FROM sessions WHERE id = $1");
        select.Parameters.Add(new() { Value = id });
        var title = await select.ExecuteScalarAsync(cancellationToken);

        Assert.Equal("Episode 1 storyboard", title);
    }

    [Fact]
    public async Task EachTestGetsItsOwnEmptyDatabase()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = new NpgsqlConnectionStringBuilder(await dependencies.CreateDatabaseAsync(cancellationToken));
        var second = new NpgsqlConnectionStringBuilder(await dependencies.CreateDatabaseAsync(cancellationToken));

        await using var connection = new NpgsqlConnection(second.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);

        Assert.NotEqual(first.Database, second.Database);
        Assert.Equal(0L, await count.ExecuteScalarAsync(cancellationToken));
    }
}
