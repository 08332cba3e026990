using Backend.Hosting.Testing;

namespace Backend.Hosting.Tests;

public sealed class LocalDependenciesTests(LocalDependenciesFixture dependencies)
{
    [Fact]
    public async Task DisposedFixtureLeavesNoProcessOrTemporaryDataBehind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // A second, private fixture: the assembly's own is only disposed after every test has run.
        var fixture = new LocalDependenciesFixture();
        await fixture.InitializeAsync();
        var postgres = fixture.Dependencies.Postgres.Process.Id;
        // Client backends come and go (a connection closing just after start): the running children are listed.
        int[] pids = [.. fixture.Dependencies.ProcessIds, .. ProcessTable.ChildrenOf(postgres).Where(ProcessTable.IsAlive)];
        var dataDirectory = fixture.Dependencies.Postgres.DataDirectory;
        Assert.True(pids.Length > 3, "postgres runs its background workers as child processes");
        Assert.All(fixture.Dependencies.ProcessIds, pid => Assert.True(ProcessTable.IsAlive(pid)));

        await fixture.DisposeAsync();

        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10), cancellationToken));
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public void ServiceEnvironmentPointsTheAwsSdkAtTheEmulators()
    {
        var environment = dependencies.GetServiceEnvironment();
        TestContext.Current.TestOutputHelper?.WriteLine(dependencies.StartupSummary);

        Assert.Equal("us-east-1", environment["AWS_REGION"]);
        Assert.Equal("test", environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("test", environment["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal(dependencies.Dependencies.SqsEndpoint.GetLeftPart(UriPartial.Authority), environment["AWS_ENDPOINT_URL_SQS"]);
        Assert.Equal(dependencies.Dependencies.S3Endpoint.GetLeftPart(UriPartial.Authority), environment["AWS_ENDPOINT_URL_S3"]);
        Assert.Equal(dependencies.Dependencies.DynamoDbEndpoint.GetLeftPart(UriPartial.Authority), environment["AWS_ENDPOINT_URL_DYNAMODB"]);
        Assert.StartsWith("http://127.0.0.1:", environment["AWS_ENDPOINT_URL_DYNAMODB"], StringComparison.Ordinal);
    }
}
