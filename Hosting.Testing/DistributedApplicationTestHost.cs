using Backend.Hosting.ApplicationModel;
using Backend.Hosting.LocalRun;

namespace Backend.Hosting.Testing;

/// <summary>A running AppHost under test: HTTP clients for its projects, its resources' states, and stop on dispose.</summary>
public sealed class DistributedApplicationTestHost : IAsyncDisposable
{
    private readonly string _secretsPath;
    private readonly List<HttpClient> _clients = [];

    internal DistributedApplicationTestHost(DistributedApplicationModel model, LocalRunner runner, string secretsPath)
    {
        Model = model;
        Runner = runner;
        _secretsPath = secretsPath;
    }

    /// <summary>The application model the AppHost declared.</summary>
    public DistributedApplicationModel Model { get; }

    /// <summary>The local run: resources, dashboard, telemetry, and <see cref="LocalRunner.KillAsync"/>.</summary>
    public LocalRunner Runner { get; }

    /// <summary>An HTTP client whose base address is the resource's first endpoint.</summary>
    /// <param name="resourceName">The project.</param>
    public HttpClient CreateHttpClient(string resourceName)
    {
        var url = Runner.GetResource(resourceName).Urls is [var first, ..]
            ? first
            : throw new InvalidOperationException($"{resourceName} has no endpoint.");
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(client);
        return client;
    }

    /// <summary>A development bearer token for <paramref name="resourceName"/> (declared with WithDevelopmentToken), for <paramref name="subject"/>.</summary>
    /// <param name="resourceName">The project.</param>
    /// <param name="subject">The user id.</param>
    public async Task<string> CreateDevelopmentTokenAsync(string resourceName, string subject)
    {
        var annotation = Model.Resources.Single(r => r.Name == resourceName).Annotations.OfType<DevelopmentTokenAnnotation>().Single();
        var secret = await annotation.SigningKey.GetValueAsync().ConfigureAwait(false);
        return DevelopmentToken.Create(secret!, subject, TimeSpan.FromHours(1));
    }

    /// <summary>Waits until the resource is in <paramref name="state"/> (and, when running, healthy).</summary>
    /// <param name="resourceName">The resource.</param>
    /// <param name="state">The state to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    public async Task WaitForStateAsync(string resourceName, ResourceState state, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var runtime = Runner.GetResource(resourceName);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (runtime.State == state && (state != ResourceState.Running || runtime.Health is null or "Healthy"))
            {
                reached.TrySetResult();
            }
        }
        runtime.Changed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resourceName} did not reach {state} within {timeout}: it is {runtime.State} ({runtime.Message}).");
        }
        finally
        {
            runtime.Changed -= Check;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await Runner.DisposeAsync().ConfigureAwait(false);
        File.Delete(_secretsPath);
    }

    internal async Task WaitUntilStartedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Runner.AllStarted.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var states = string.Join("; ", Runner.Resources.Select(r => $"{r.Resource.Name}: {r.State} {r.Message}"));
            throw new TimeoutException($"The application did not start within {timeout}: {states}");
        }
    }
}
