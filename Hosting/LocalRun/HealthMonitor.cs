using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// Polls a resource's HTTP health check on every replica: quickly until it first answers 200 (that
/// is when the resource counts as running and resources waiting for it may start), then every few
/// seconds to show it turning unhealthy and back. Without a health check, a started process counts.
/// </summary>
internal sealed class HealthMonitor(IResource resource, ResourceRuntime runtime, int replicas)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly TimeSpan StartingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RunningInterval = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private readonly string?[] _health = new string?[replicas];

    public async Task WatchAsync(int replica, CancellationToken cancellationToken)
    {
        if (resource.Annotations.OfType<HttpHealthCheckAnnotation>().FirstOrDefault() is not { } check)
        {
            Report(replica, "Healthy", null);
            return;
        }
        var endpoint = resource.GetEndpoints().Single(e => e.Name == check.EndpointName);
        var allocated = endpoint.GetAllocatedEndpoint(resource);
        var url = new Uri($"{endpoint.UriScheme}://{allocated.Host}:{allocated.TargetPortFor(replica)}{check.Path}");
        while (!cancellationToken.IsCancellationRequested)
        {
            var (health, detail) = await ProbeAsync(url, cancellationToken).ConfigureAwait(false);
            Report(replica, health, detail);
            try
            {
                await Task.Delay(IsHealthy(replica) ? RunningInterval : StartingInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Forget(int replica)
    {
        lock (_lock) { _health[replica] = null; }
    }

    private static async Task<(string? Health, string? Detail)> ProbeAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? ("Healthy", null)
                : ("Unhealthy", $"{url.AbsolutePath} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException)
        {
            return (null, $"waiting for {url.AbsolutePath} to answer");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ("Unhealthy", $"{url.AbsolutePath} did not answer within {Http.Timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            return (null, null);
        }
    }

    private bool IsHealthy(int replica)
    {
        lock (_lock) { return _health[replica] == "Healthy"; }
    }

    private void Report(int replica, string? health, string? detail)
    {
        bool allHealthy, wasRunning = runtime.State == ResourceState.Running;
        lock (_lock)
        {
            _health[replica] = health;
            allHealthy = _health.All(h => h == "Healthy");
        }
        if (allHealthy)
        {
            runtime.Set(ResourceState.Running, health: "Healthy");
        }
        else if (wasRunning && health is not "Healthy")
        {
            runtime.Set(ResourceState.Running, replicas > 1 ? $"replica {replica}: {detail}" : detail, "Unhealthy");
        }
        else if (!wasRunning && detail is not null && runtime.State == ResourceState.Starting)
        {
            runtime.Set(ResourceState.Starting, detail);
        }
    }
}
