using System.Net;
using System.Net.Sockets;
using Backend.Hosting.LocalRun;

namespace Backend.Hosting.Tests.LocalRun;

/// <summary>
/// Starting a model of executables: dependency order, and resources that cannot start saying why
/// (on the resource, as the console view and the dashboard show it) instead of ending the run.
/// </summary>
public sealed class LocalRunnerTests
{
    [Fact]
    public async Task AResourceThatWaitsForAnotherStartsOnlyOnceTheOtherIsHealthy()
    {
        await using var app = new ExecutableApplication();
        // The database stand-in answers 503 on /health until the test says otherwise, so "not yet
        // healthy" lasts as long as the test needs to look, whatever the machine's speed.
        var database = app.AddNodeServer("database").WithEnvironment("START_HEALTHY", "0");
        app.AddNodeServer("api").WaitFor(database);
        await app.StartAsync();
        var (db, api) = (app["database"], app["api"]);

        await db.WaitUntilAsync(r => r.State == ResourceState.Starting && r.Message == "/health answered 503", "its health check answering 503");
        Assert.Equal(ResourceState.Waiting, api.State);
        Assert.Equal("waiting for database", api.Message);
        Assert.Empty(api.ProcessIds);
        Assert.Null(api.StartedAt);
        Assert.False(app.Runner.AllStarted.IsCompleted);

        var healthyFrom = DateTimeOffset.Now;
        using (var http = new HttpClient())
        {
            await http.GetStringAsync(new Uri(new Uri(db.Urls[0]), "/well"), ExecutableApplication.Cancellation);
        }

        await app.Runner.AllStarted.WaitAsync(ExecutableApplication.Patience, ExecutableApplication.Cancellation);
        Assert.Equal((ResourceState.Running, "Healthy"), (db.State, db.Health));
        Assert.Equal((ResourceState.Running, "Healthy"), (api.State, api.Health));
        Assert.True(api.StartedAt > healthyFrom, $"api started at {api.StartedAt:O}, before the database was healthy ({healthyFrom:O})");
        Assert.True(api.StartedAt > db.StartedAt);
    }

    [Fact]
    public async Task AFixedPortAlreadyInUseFailsToStartNamingThePortAndHowToChooseAnotherAndItsDependentsSayTheyCannotStart()
    {
        // Another program (a previous run, a stray service) holds the port the model fixes.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var app = new ExecutableApplication();
        var api = app.AddNodeServer("api", port);
        app.AddNodeServer("web").WaitFor(api);
        app.AddNodeServer("bystander");

        await app.StartAsync(new LocalRunOptions { UseFreePorts = false });

        await app["api"].WaitForStateAsync(ResourceState.FailedToStart);
        Assert.Contains($"port {port} on 127.0.0.1 is in use", app["api"].Message, StringComparison.Ordinal);
        Assert.Contains($"--Ports:api=<port>", app["api"].Message, StringComparison.Ordinal);
        Assert.Empty(app["api"].ProcessIds);
        await app["web"].WaitForStateAsync(ResourceState.FailedToStart);
        Assert.StartsWith($"cannot start: api failed to start: port {port}", app["web"].Message, StringComparison.Ordinal);
        Assert.Empty(app["web"].ProcessIds);
        // The run goes on for everything else.
        await app["bystander"].WaitUntilHealthyAsync();
        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.Runner.AllStarted);
        Assert.Contains($"port {port}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProgramThatDoesNotExistFailsToStartSayingItWasNotFound()
    {
        await using var app = new ExecutableApplication();
        var ghost = app.Builder.AddExecutable("ghost", "no-such-program-3f9c", ".").WithHttpEndpoint(env: "PORT");
        app.AddNodeServer("web").WaitFor(ghost);

        await app.StartAsync();

        await app["ghost"].WaitForStateAsync(ResourceState.FailedToStart);
        Assert.Equal("The program 'no-such-program-3f9c' was not found (searched PATH).", app["ghost"].Message);
        Assert.Equal(0, app["ghost"].Restarts);
        await app["web"].WaitForStateAsync(ResourceState.FailedToStart);
        Assert.StartsWith("cannot start: ghost failed to start: The program 'no-such-program-3f9c' was not found", app["web"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkingDirectoryThatDoesNotExistFailsToStartNamingTheDirectory()
    {
        await using var app = new ExecutableApplication();
        app.Builder.AddExecutable("misplaced", "node", "no-such-directory", "-e", ExecutableApplication.NodeServer);
        var missing = Path.Combine(app.Directory, "no-such-directory");

        await app.StartAsync();

        await app["misplaced"].WaitForStateAsync(ResourceState.FailedToStart);
        Assert.Equal(
            $"the working directory {missing} does not exist: create it, or correct the working directory given to AddExecutable " +
            "(a relative one is relative to the AppHost directory).", app["misplaced"].Message);
        Assert.Equal(0, app["misplaced"].Restarts);
    }
}
