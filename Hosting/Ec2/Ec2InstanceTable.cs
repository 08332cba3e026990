using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ec2;

/// <summary>
/// The emulator's instances and what their state machines share. One lock guards every instance,
/// so that a request naming several instances is checked and applied atomically, as EC2 rejects
/// a StartInstances call as a whole when one of its instances cannot start.
/// </summary>
internal sealed class Ec2InstanceTable : IAsyncDisposable
{
    private readonly Dictionary<string, Ec2Instance> _instances;
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private readonly CancellationTokenSource _disposing = new();

    private readonly Action<Ec2InstanceStateChange> _published;

    public Ec2InstanceTable(
        Ec2EmulatorOptions options, IEc2InstanceBackend backend, ILogger logger, Action<Ec2InstanceStateChange> published)
    {
        _published = published;
        Options = options;
        Backend = backend;
        Logger = logger;
        _instances = options.Instances.ToDictionary(d => d.InstanceId, d => new Ec2Instance(d, this), StringComparer.Ordinal);
    }

    public Lock Lock { get; } = new();

    public Ec2EmulatorOptions Options { get; }

    public IEc2InstanceBackend Backend { get; }

    public ILogger Logger { get; }

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>Cancelled on disposal: background transitions end without recording anything.</summary>
    public CancellationToken Disposing => _disposing.Token;

    /// <summary>Every instance, in declaration order.</summary>
    public IReadOnlyList<Ec2Instance> All => [.. Options.Instances.Select(d => _instances[d.InstanceId])];

    /// <summary>The named instances (duplicates dropped), or EC2's errors for malformed or unknown ids.</summary>
    public IReadOnlyList<Ec2Instance> Find(IReadOnlyList<string> instanceIds)
    {
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToList();
        var malformed = ids.FirstOrDefault(id => !Ec2EmulatorOptions.InstanceIdFormat().IsMatch(id));
        if (malformed is not null)
        {
            throw Ec2ApiException.Malformed(malformed);
        }
        var unknown = ids.Where(id => !_instances.ContainsKey(id)).ToList();
        return unknown.Count > 0 ? throw Ec2ApiException.NotFound(unknown) : [.. ids.Select(id => _instances[id])];
    }

    /// <summary>Called under <see cref="Lock"/>, so that observers learn of changes in the order they happened.</summary>
    public void Publish(Ec2InstanceStateChange change)
    {
        Ec2Log.StateChanged(Logger, change.Current.InstanceId, change.Previous.State, change.Current.State, change.Current.Transition);
        _published(change);
    }

    /// <summary>Runs a background transition on the thread pool, so that it never runs under the lock or on the request.</summary>
    public void Run(Func<Task> transition)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await transition().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                Ec2Log.TransitionFailed(Logger, exception);
            }
        });
        _work.TryAdd(task, 0);
        _ = task.ContinueWith(t => _work.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Cancels background transitions and waits for them, leaving the backend's work as it is.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_work.Keys).ConfigureAwait(false);
        _disposing.Dispose();
    }
}
