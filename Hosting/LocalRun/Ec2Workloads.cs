using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;
using Backend.Hosting.Ec2;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// What "running" means for the EC2 stand-in's instances locally: the projects that run on an
/// instance are started when it boots and stopped (gracefully, or at once on a forced stop) when it
/// stops, so the orchestrator's start/stop decisions start and stop a real GpuWorker process.
/// </summary>
internal sealed class Ec2Workloads(RuntimeSet runtimes, LocalRunOptions options) : IEc2InstanceBackend
{
    private readonly Dictionary<string, (Ec2InstanceResource Instance, List<ProcessSupervisor> Supervisors)> _byInstanceId = [];

    public void Add(Ec2InstanceResource instance, ProcessSupervisor supervisor)
    {
        var id = instance.Allocation?.InstanceId ?? throw new InvalidOperationException($"{instance} has no instance id yet.");
        if (!_byInstanceId.TryGetValue(id, out var entry))
        {
            _byInstanceId[id] = entry = (instance, []);
        }
        entry.Supervisors.Add(supervisor);
    }

    public async Task StartAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (instance, supervisors) = _byInstanceId[instanceId];
        foreach (var supervisor in supervisors)
        {
            supervisor.Start();
        }
        // The instance counts as running once its workloads have started, as a real one once its
        // user-data has launched the worker.
        await Task.WhenAll(instance.Workloads.Select(w => runtimes[w].Ready)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken)
    {
        var grace = force ? TimeSpan.Zero : options.StopGracePeriod;
        await Task.WhenAll(_byInstanceId[instanceId].Supervisors.Select(s => s.StopAsync(grace, "its EC2 instance stopped")))
            .ConfigureAwait(false);
    }

    /// <summary>Shows the instance's state changes on its resource.</summary>
    public void Observe(Ec2Emulator emulator, IEnumerable<Ec2InstanceResource> instances)
    {
        var byId = instances.ToDictionary(i => i.Allocation!.InstanceId, i => runtimes[i]);
        emulator.StateChanged += (_, change) =>
        {
            if (byId.TryGetValue(change.Current.InstanceId, out var runtime))
            {
                var (state, message) = change.Current.State switch
                {
                    Ec2InstanceStateName.Pending => (ResourceState.Starting, "pending"),
                    Ec2InstanceStateName.Running => (ResourceState.Running, (string?)null),
                    Ec2InstanceStateName.Stopping => (ResourceState.Stopping, "stopping"),
                    _ => (ResourceState.Stopped, change.Current.StateReason?.Message ?? "stopped: no GPU work"),
                };
                runtime.Set(state, message);
            }
        };
    }

    public static IEnumerable<(IResource Workload, Ec2InstanceResource Instance)> Placements(DistributedApplicationModel model) =>
        model.Resources.SelectMany(r => r.Annotations.OfType<RunsOnAnnotation>().Select(a => (r, a.Instance)));
}
