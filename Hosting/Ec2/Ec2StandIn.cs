using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Backend.Hosting.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ec2;

/// <summary>
/// Runs our EC2 stand-in inside the AppHost for every <see cref="Ec2InstanceResource"/>: started before any resource (so
/// services get its endpoint), its instance states shown on their resources, its workloads started and stopped through
/// Aspire's resource commands.
/// </summary>
internal sealed class Ec2StandIn(
    ResourceNotificationService notifications, ResourceLoggerService loggers, IHostApplicationLifetime lifetime)
    : IDistributedApplicationEventingSubscriber, IAsyncDisposable
{
    private Ec2Emulator? _emulator;
    private ILoggerFactory? _standInLogs;

    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<BeforeStartEvent>(OnBeforeStartAsync);
        }
        return Task.CompletedTask;
    }

    private async Task OnBeforeStartAsync(BeforeStartEvent @event, CancellationToken cancellationToken)
    {
        var instances = @event.Model.Resources.OfType<Ec2InstanceResource>().ToList();
        if (instances.Count == 0)
        {
            return;
        }
        var configuration = @event.Services.GetRequiredService<IConfiguration>();
        var options = new Ec2EmulatorOptions
        {
            // Configurable so tests can boot an instance in a second rather than the real minute.
            StartDelay = configuration.GetValue("Ec2:StartDelay", TimeSpan.FromSeconds(2)),
            StopDelay = configuration.GetValue("Ec2:StopDelay", TimeSpan.FromSeconds(1)),
        };
        var byId = new Dictionary<string, Ec2InstanceResource>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var id = $"i-{RandomNumberGenerator.GetHexString(17, lowercase: true)}";
            byId[id] = instance;
            options.Instances.Add(new Ec2InstanceDefinition(id) { InstanceType = instance.InstanceType, Tags = new Dictionary<string, string> { ["Name"] = instance.Name } });
        }
        var workloads = new Ec2Workloads(byId, @event.Services.GetRequiredService<ResourceCommandService>(), notifications, loggers);
        // The stand-in's own log goes to the instances' console in the dashboard; its HTTP server's per-request
        // lines (the orchestrator polls every few seconds) only when something goes wrong.
        _standInLogs = LoggerFactory.Create(logging => logging
            .AddProvider(new ResourceLoggerProvider(loggers.GetLogger(instances[0])))
            .AddFilter("Microsoft", LogLevel.Warning));
        _emulator = await Ec2Emulator.StartAsync(options, workloads, _standInLogs, cancellationToken).ConfigureAwait(false);
        _emulator.StateChanged += (_, change) =>
        {
            if (byId.TryGetValue(change.Current.InstanceId, out var instance))
            {
                _ = PublishStateAsync(instance, change.Current);
            }
        };
        // Stopped after the services, not while they stop: the orchestrator polls the instance until its last moment.
        lifetime.ApplicationStopped.Register(() => DisposeAsync().AsTask().GetAwaiter().GetResult());
        foreach (var (id, instance) in byId)
        {
            instance.SetOutputs(new Dictionary<string, string> { ["InstanceId"] = id, [Ec2InstanceResource.EndpointOutput] = _emulator.Endpoint.ToString() });
            await notifications.PublishUpdateAsync(instance, s => s with
            {
                Urls = [new UrlSnapshot("EC2 API", _emulator.Endpoint.ToString(), IsInternal: false)],
                Properties = [.. s.Properties, new("instance.id", id)],
            }).ConfigureAwait(false);
            await PublishStateAsync(instance, _emulator.GetInstance(id)).ConfigureAwait(false);
        }
    }

    private Task PublishStateAsync(Ec2InstanceResource instance, Ec2InstanceSnapshot snapshot)
    {
        var state = snapshot.State switch
        {
            Ec2InstanceStateName.Running => new ResourceStateSnapshot("Running", KnownResourceStateStyles.Success),
            Ec2InstanceStateName.Pending => new ResourceStateSnapshot("Pending", KnownResourceStateStyles.Info),
            Ec2InstanceStateName.Stopping => new ResourceStateSnapshot("Stopping", KnownResourceStateStyles.Info),
            _ => new ResourceStateSnapshot("Stopped", KnownResourceStateStyles.Info),
        };
        return notifications.PublishUpdateAsync(instance, s => s with
        {
            State = state,
            StartTimeStamp = snapshot.State == Ec2InstanceStateName.Running ? DateTime.UtcNow : s.StartTimeStamp,
            StopTimeStamp = snapshot.State == Ec2InstanceStateName.Stopped ? DateTime.UtcNow : s.StopTimeStamp,
            Properties = s.Properties.SetResourcePropertyRange([new("instance.state-reason", snapshot.StateReason?.Message ?? "")]),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _emulator, null) is { } emulator)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
        _standInLogs?.Dispose();
    }
}

/// <summary>Writes every category to one resource's log in the dashboard.</summary>
internal sealed class ResourceLoggerProvider(ILogger resourceLogger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => resourceLogger;

    public void Dispose()
    {
    }
}
