using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Projects;

/// <summary>
/// Restarts a service that crashed (exited with a non-zero code while running, rather than being stopped), after 1, 2, 4…
/// up to 30 seconds, the delay starting over once it has run for a minute. DCP restarts nothing by itself.
/// </summary>
internal sealed class RestartPolicy(
    ResourceNotificationService notifications, ResourceCommandService commands, ResourceLoggerService loggers, CancellationToken stopping)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthyRun = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Supervised> _supervised = new(StringComparer.Ordinal);

    public void Watch(IEnumerable<IResource> resources)
    {
        foreach (var resource in resources)
        {
            _supervised[resource.Name] = new Supervised(resource);
        }
        _ = Task.Run(WatchAsync, CancellationToken.None);
    }

    /// <summary>No restart after this: the application is stopping it.</summary>
    public void Forget(IResource resource) => _supervised.TryRemove(resource.Name, out _);

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping).ConfigureAwait(false))
            {
                if (!_supervised.TryGetValue(change.Resource.Name, out var supervised))
                {
                    continue;
                }
                var state = change.Snapshot.State?.Text;
                var previous = supervised.LastState;
                supervised.LastState = state;
                if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
                {
                    supervised.RunningSince = DateTime.UtcNow;
                }
                // A stop (the dashboard's, ours, the EC2 stand-in's) goes through Stopping; a crash goes straight from Running.
                if (previous == KnownResourceStates.Running && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished)
                    && change.Snapshot.ExitCode is not (null or 0))
                {
                    _ = RestartAsync(supervised, change.Snapshot.ExitCode.Value);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The application is stopping.
        }
    }

    private async Task RestartAsync(Supervised supervised, int exitCode)
    {
        var resource = supervised.Resource;
        if (DateTime.UtcNow - supervised.RunningSince > HealthyRun)
        {
            supervised.Restarts = 0;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, supervised.Restarts)));
        supervised.Restarts++;
        supervised.TotalRestarts++;
        var logger = loggers.GetLogger(resource);
        RestartPolicyLog.Restarting(logger, exitCode, delay.TotalSeconds, supervised.TotalRestarts);
        await notifications.PublishUpdateAsync(resource, s => s with
        {
            Properties = s.Properties.SetResourcePropertyRange([new ResourcePropertySnapshot("restarts", supervised.TotalRestarts)]),
        }).ConfigureAwait(false);
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
            if (_supervised.ContainsKey(resource.Name))
            {
                await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The application is stopping: nothing to restart.
        }
    }

    private sealed class Supervised(IResource resource)
    {
        public IResource Resource { get; } = resource;
        public string? LastState { get; set; }
        public DateTime RunningSince { get; set; }
        public int Restarts { get; set; }
        public int TotalRestarts { get; set; }
    }
}

internal static partial class RestartPolicyLog
{
    [LoggerMessage(1, LogLevel.Warning, "Crashed with exit code {ExitCode}; restarting in {Seconds} s (restart {Restarts})")]
    public static partial void Restarting(ILogger logger, int exitCode, double seconds, int restarts);
}
