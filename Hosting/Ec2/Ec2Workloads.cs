using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ec2;

/// <summary>
/// What "running" means for a local instance: its workloads (<c>RunsOn</c>) run. The stand-in calls this when an
/// instance enters pending or stopping; it starts or stops them with Aspire's own resource commands and waits until
/// they are, so the instance is Running only once its worker runs, as a real instance is once its user data did.
/// </summary>
internal sealed class Ec2Workloads(
    IReadOnlyDictionary<string, Ec2InstanceResource> instances,
    ResourceCommandService commands,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers) : IEc2InstanceBackend
{
    private static readonly string[] StoppedStates = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart, KnownResourceStates.NotStarted];

    public async Task StartAsync(string instanceId, CancellationToken cancellationToken)
    {
        foreach (var workload in instances[instanceId].Workloads)
        {
            await RunAsync(workload, KnownResourceCommands.StartCommand, cancellationToken).ConfigureAwait(false);
            await notifications.WaitForResourceAsync(workload.Name, [KnownResourceStates.Running], cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken)
    {
        foreach (var workload in instances[instanceId].Workloads)
        {
            await RunAsync(workload, KnownResourceCommands.StopCommand, cancellationToken).ConfigureAwait(false);
            await notifications.WaitForResourceAsync(workload.Name, StoppedStates, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(IResource workload, string command, CancellationToken cancellationToken)
    {
        var result = await commands.ExecuteCommandAsync(workload, command, cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            var logger = loggers.GetLogger(workload);
            Ec2WorkloadsLog.CommandFailed(logger, command, result.Message);
            throw new InvalidOperationException($"Could not {command} {workload.Name}: {result.Message}");
        }
    }
}

internal static partial class Ec2WorkloadsLog
{
    [LoggerMessage(1, LogLevel.Error, "The EC2 stand-in could not {Command} this workload: {Message}")]
    public static partial void CommandFailed(ILogger logger, string command, string? message);
}
