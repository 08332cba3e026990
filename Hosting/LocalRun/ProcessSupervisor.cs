using Backend.Dashboard.Resources;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// Runs the replicas of one project or executable: starts each process with the environment its
/// references resolve to, gates "running" on its HTTP health check, restarts it with exponential
/// backoff when it crashes, and stops it gracefully (SIGTERM, then SIGKILL after a grace period).
/// </summary>
internal sealed class ProcessSupervisor(
    IResource resource,
    ResourceRuntime runtime,
    DistributedApplicationExecutionContext context,
    LocalRunOptions options,
    ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly List<Task> _replicas = [];
    private readonly Dictionary<int, ChildProcess> _processes = [];
    private CancellationTokenSource? _running;

    /// <summary>Whether its replicas are meant to be running (false before start and after stop).</summary>
    public bool IsStarted => _running is not null;

    /// <summary>Starts every replica's supervision loop; returns at once (await <see cref="ResourceRuntime.Ready"/>).</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_running is not null)
            {
                return;
            }
            _running = new CancellationTokenSource();
            var health = new HealthMonitor(resource, runtime, resource.GetReplicaCount());
            for (var replica = 0; replica < resource.GetReplicaCount(); replica++)
            {
                var index = replica;
                _replicas.Add(Task.Run(() => SuperviseAsync(index, health, _running.Token)));
            }
        }
    }

    /// <summary>Stops every replica: SIGTERM, and SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, string reason)
    {
        CancellationTokenSource? running;
        ChildProcess[] processes;
        Task[] replicas;
        lock (_lock)
        {
            running = _running;
            _running = null;
            processes = [.. _processes.Values];
            replicas = [.. _replicas];
            _replicas.Clear();
        }
        if (running is null)
        {
            return;
        }
        runtime.Set(ResourceState.Stopping, reason);
        await running.CancelAsync().ConfigureAwait(false);
        // Each process leads its own process group: the processes a service started itself stop with it.
        await Task.WhenAll(processes.Select(process => process.StopAsync(grace))).ConfigureAwait(false);
        await Task.WhenAll(replicas).ConfigureAwait(false);
        running.Dispose();
        runtime.Set(ResourceState.Stopped, reason);
    }

    /// <summary>Kills one replica's process as a crash would (for tests of the restart path).</summary>
    public async Task KillAsync(int replica = 0)
    {
        ChildProcess? process;
        lock (_lock) { _processes.TryGetValue(replica, out process); }
        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(options.StopGracePeriod, "the application stopped").ConfigureAwait(false);

    private async Task SuperviseAsync(int replica, HealthMonitor health, CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var startedAt = DateTimeOffset.UtcNow;
            int exitCode;
            try
            {
                await using var process = await StartReplicaAsync(replica, stopping).ConfigureAwait(false);
                runtime.ProcessStarted(replica, process.Id);
                using var monitoring = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var monitor = health.WatchAsync(replica, monitoring.Token);
                // Not cancelled by a stop: StopAsync signals the process itself and gives it its grace
                // period; disposing it here on cancellation would SIGKILL it at once.
                exitCode = await process.Exited.ConfigureAwait(false);
                await monitoring.CancelAsync().ConfigureAwait(false);
                await monitor.ConfigureAwait(false);
                lock (_lock) { _processes.Remove(replica); }
                runtime.ProcessExited(replica, exitCode);
                health.Forget(replica);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Whatever stops a process from starting (not built, a value that does not resolve, a
                // missing program) is shown on the resource instead of ending the run.
                runtime.Set(ResourceState.FailedToStart, exception.Message);
                return;
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }
            failures = DateTimeOffset.UtcNow - startedAt > StableAfter ? 1 : failures + 1;
            var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)));
            runtime.CountRestart();
            runtime.Set(ResourceState.Exited, $"exited with code {exitCode}; restarting in {backoff.TotalSeconds:0} s");
            LocalRunLog.Crashed(logger, resource.Name, replica, exitCode, backoff.TotalSeconds);
            try
            {
                await Task.Delay(backoff, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ChildProcess> StartReplicaAsync(int replica, CancellationToken cancellationToken)
    {
        runtime.Set(ResourceState.Starting, replica == 0 ? null : $"starting replica {replica}");
        var instance = new ReplicaInstance(replica, $"{resource.Name}-{replica}");
        var environment = await resource.GetEnvironmentVariablesAsync(context, instance, cancellationToken).ConfigureAwait(false);
        var variables = environment.ToDictionary(v => v.Key, v => (string?)v.Value);
        foreach (var (name, value) in options.ProjectEnvironment)
        {
            variables[name] = value;
        }
        var (fileName, arguments, workingDirectory) = await LaunchCommand.ForAsync(resource, context, cancellationToken).ConfigureAwait(false);
        var process = await ChildProcess.StartAsync(new ChildProcessStartInfo(fileName)
        {
            Arguments = arguments,
            WorkingDirectory = workingDirectory,
            Environment = variables,
            DisplayName = resource.GetReplicaCount() > 1 ? instance.InstanceId : resource.Name,
            OnOutput = line => runtime.Write(new ConsoleLogLine(line.Timestamp, line.IsError, line.Text, replica)),
        }, cancellationToken).ConfigureAwait(false);
        lock (_lock) { _processes[replica] = process; }
        return process;
    }
}
