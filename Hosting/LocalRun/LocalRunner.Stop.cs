using System.Diagnostics;
using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.LocalRun;

public sealed partial class LocalRunner
{
    /// <summary>How long the last stop took, from its start until every process was gone.</summary>
    public TimeSpan? StopDuration { get; private set; }

    /// <summary>
    /// Stops everything in reverse dependency order: the services that depend on others first (so that
    /// nothing is left calling a stopped dependency), each gracefully, then the infrastructure and the
    /// dashboard.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (StopDuration is not null)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var level in _supervisors.Keys.GroupBy(DependencyDepth).OrderByDescending(g => g.Key))
        {
            await Task.WhenAll(level.Select(resource => _supervisors[resource].StopAsync(_options.StopGracePeriod, "the application stopped")))
                .ConfigureAwait(false);
        }
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync().ConfigureAwait(false);
            foreach (var runtime in _runtimes.Infrastructure)
            {
                runtime.Set(ResourceState.Stopped, "the application stopped");
            }
        }
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
        StopDuration = clock.Elapsed;
        LocalRunLog.Stopped(_logger, clock.Elapsed.TotalSeconds);
    }

    // 0 for a process that depends on no other process; otherwise one more than the deepest it depends on.
    private int DependencyDepth(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(a => a.Resource)
            .Concat(resource.Annotations.OfType<ReferenceAnnotation>().Select(a => a.Resource))
            .Where(_supervisors.ContainsKey)
            .Select(dependency => DependencyDepth(dependency) + 1)
            .DefaultIfEmpty(0)
            .Max();
}
