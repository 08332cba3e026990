using System.Net;
using System.Net.Sockets;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.LocalRun;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Tests.LocalRun;

/// <summary>
/// An application model made of small executables (Node.js one-liners, bash), run by the real local
/// runner in a temporary directory of its own: fast, and no emulator or PostgreSQL is involved
/// (the runner starts those only for models that declare them).
/// </summary>
internal sealed class ExecutableApplication : IAsyncDisposable
{
    /// <summary>Long enough for a loaded 2-core CI machine; the tests wait for states, not for time.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An HTTP server on <c>PORT</c> whose <c>/health</c> answers 200 or 503; <c>/sick</c> and <c>/well</c>
    /// flip it (so a test plays a dependency failing), anything else answers the server's port (so a
    /// test sees which replica it reached). <c>START_HEALTHY=0</c> starts it unhealthy.
    /// </summary>
    public const string NodeServer = """
        const http = require('http');
        let healthy = process.env.START_HEALTHY !== '0';
        http.createServer((req, res) => {
          switch (req.url) {
            case '/health': res.writeHead(healthy ? 200 : 503); return res.end(healthy ? 'Healthy' : 'Unhealthy');
            case '/sick': healthy = false; return res.end('sick');
            case '/well': healthy = true; return res.end('well');
            default: return res.end(process.env.PORT);
          }
        }).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
        """;

    private LocalRunner? _runner;

    public ExecutableApplication()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("localrun-").FullName;
        Builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            AppHostDirectory = Directory,
            UserSecretsPath = Path.Combine(Directory, "secrets.json"),
        });
    }

    /// <summary>The AppHost directory, also every executable's working directory.</summary>
    public string Directory { get; }

    public IDistributedApplicationBuilder Builder { get; }

    public LocalRunner Runner => _runner ?? throw new InvalidOperationException("Not started.");

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Adds <see cref="NodeServer"/> with an HTTP endpoint told through <c>PORT</c> and its health check.</summary>
    public IResourceBuilder<ExecutableResource> AddNodeServer(string name, int? port = null) =>
        Builder.AddExecutable(name, "node", ".", "-e", NodeServer)
            .WithHttpEndpoint(port: port, env: "PORT")
            .WithHttpHealthCheck("/health");

    public IResourceBuilder<ExecutableResource> AddBash(string name, string script) =>
        Builder.AddExecutable(name, "bash", ".", "-c", script);

    /// <summary>Starts the model; free ports unless the test is about a fixed one.</summary>
    public async Task<LocalRunner> StartAsync(LocalRunOptions? options = null)
    {
        _runner = await LocalRunner.StartAsync(
            Builder.Build().Model, options ?? new LocalRunOptions { UseFreePorts = true }, NullLoggerFactory.Instance, Cancellation);
        return _runner;
    }

    public ResourceRuntime this[string name] => Runner.GetResource(name);

    public async ValueTask DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A port nobody listens on right now, for a test about a fixed port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Waiting for what the console view and the dashboard would show, without sleeping for fixed times.</summary>
internal static class ResourceRuntimeWaits
{
    /// <summary>Completes once <paramref name="condition"/> holds, re-checked on every <see cref="ResourceRuntime.Changed"/>.</summary>
    public static async Task WaitUntilAsync(this ResourceRuntime runtime, Func<ResourceRuntime, bool> condition, string what, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(runtime))
            {
                reached.TrySetResult();
            }
        }
        runtime.Changed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(timeout ?? ExecutableApplication.Patience, ExecutableApplication.Cancellation);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{runtime.Resource.Name} did not get {what} within {(timeout ?? ExecutableApplication.Patience).TotalSeconds:0} s: {runtime.Describe()}");
        }
        finally
        {
            runtime.Changed -= Check;
        }
    }

    public static Task WaitForStateAsync(this ResourceRuntime runtime, ResourceState state, TimeSpan? timeout = null) =>
        runtime.WaitUntilAsync(r => r.State == state, state.ToString(), timeout);

    public static Task WaitUntilHealthyAsync(this ResourceRuntime runtime, TimeSpan? timeout = null) =>
        runtime.WaitUntilAsync(r => r.State == ResourceState.Running && r.Health == "Healthy", "Running and Healthy", timeout);

    /// <summary>The resource as the console view shows it, plus its last output lines: failure messages say what happened.</summary>
    public static string Describe(this ResourceRuntime runtime)
    {
        var output = string.Join(" | ", runtime.ConsoleLines().TakeLast(5).Select(l => l.Text));
        return $"{runtime.State} ({runtime.Health ?? "no health"}), {runtime.Restarts} restarts, message '{runtime.Message}', output: {output}";
    }
}
