using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Aws;

/// <summary>What a local AWS resource looks like once created in its stand-in.</summary>
/// <param name="Outputs">The values services receive (<see cref="AwsResource.OutputNames"/>).</param>
/// <param name="Urls">Where to look at it.</param>
/// <param name="Properties">What the dashboard shows about it.</param>
internal sealed record ProvisionedResource(
    IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<UrlSnapshot> Urls, IReadOnlyList<ResourcePropertySnapshot> Properties);

/// <summary>Creating a local AWS resource in its stand-in, with its state in the dashboard.</summary>
internal static class AwsProvisioning
{
    /// <summary>
    /// Creates the resource (<paramref name="provision"/>), then shows it Running with its URLs and properties; a failure
    /// shows FailedToStart with the reason, and services waiting for its outputs fail to start with the same reason.
    /// </summary>
    public static async Task ProvisionAsync(
        AwsResource resource, IServiceProvider services, Func<CancellationToken, Task<ProvisionedResource>> provision, CancellationToken cancellationToken)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        await notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.Starting }).ConfigureAwait(false);
        try
        {
            var provisioned = await provision(cancellationToken).ConfigureAwait(false);
            resource.SetOutputs(provisioned.Outputs);
            await notifications.PublishUpdateAsync(resource, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Urls = [.. provisioned.Urls],
                Properties = s.Properties.SetResourcePropertyRange(provisioned.Properties),
            }).ConfigureAwait(false);
            AwsProvisioningLog.Provisioned(logger, resource.PhysicalName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            resource.SetFailed(ex);
            AwsProvisioningLog.Failed(logger, resource.PhysicalName, ex);
            await notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Keeps live figures (message counts, item counts) on the resource's properties while the application runs. The
    /// stand-ins raise no events for these, so they are read every <paramref name="interval"/> through
    /// <paramref name="client"/>, which the loop owns: it is disposed when the application stops.
    /// </summary>
    public static void KeepCurrent<TClient>(AwsResource resource, IServiceProvider services, TimeSpan interval, TClient client,
        Func<TClient, CancellationToken, Task<IReadOnlyList<ResourcePropertySnapshot>>> read)
        where TClient : IDisposable
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        _ = Task.Run(async () =>
        {
            using var owned = client;
            using var timer = new PeriodicTimer(interval);
            try
            {
                do
                {
                    try
                    {
                        var properties = await read(client, stopping).ConfigureAwait(false);
                        await notifications.PublishUpdateAsync(resource, s => s with { Properties = s.Properties.SetResourcePropertyRange(properties) })
                            .ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The stand-in is stopping or restarting: the figures stay as they were until it answers again.
                    }
                }
                while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                // The application is stopping.
            }
        }, CancellationToken.None);
    }

    public static ImmutableArray<ResourcePropertySnapshot> SetResourcePropertyRange(
        this ImmutableArray<ResourcePropertySnapshot> properties, IEnumerable<ResourcePropertySnapshot> changes)
    {
        var byName = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            byName[change.Name] = change;
        }
        return [.. byName.Values];
    }
}

internal static partial class AwsProvisioningLog
{
    [LoggerMessage(1, LogLevel.Information, "Created {PhysicalName} in the local stand-in")]
    public static partial void Provisioned(ILogger logger, string physicalName);

    [LoggerMessage(2, LogLevel.Error, "Could not create {PhysicalName} in the local stand-in")]
    public static partial void Failed(ILogger logger, string physicalName, Exception exception);
}
