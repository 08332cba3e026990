using Backend.Dashboard.Resources;
using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.LocalRun;

/// <summary>The states a resource goes through in a local run.</summary>
public enum ResourceState
{
    /// <summary>Waiting for the resources it waits for.</summary>
    Waiting,

    /// <summary>Its process is starting or it is being provisioned.</summary>
    Starting,

    /// <summary>Up (and healthy, if it has a health check).</summary>
    Running,

    /// <summary>Its process crashed; it is restarted after a backoff.</summary>
    Exited,

    /// <summary>Being stopped on purpose.</summary>
    Stopping,

    /// <summary>Stopped on purpose (Ctrl+C, or its EC2 instance stopped).</summary>
    Stopped,

    /// <summary>It could not start; <see cref="ResourceRuntime.Message"/> says why and what to do.</summary>
    FailedToStart,
}

/// <summary>
/// The live state of one resource in a local run: what the console view and the dashboard show,
/// its processes' console output, and the signal that resources waiting for it wait on.
/// </summary>
public sealed class ResourceRuntime
{
    private const int ConsoleCapacity = 5_000;
    private readonly Lock _lock = new();
    private readonly Queue<ConsoleLogLine> _console = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<int, int> _processIds = [];

    internal ResourceRuntime(IResource resource, string type)
    {
        Resource = resource;
        Type = type;
    }

    /// <summary>Raised when the state, health or console output changes.</summary>
    public event Action? Changed;

    /// <summary>The resource in the model.</summary>
    public IResource Resource { get; }

    /// <summary>The resource's kind, for people.</summary>
    public string Type { get; }

    /// <summary>The current state.</summary>
    public ResourceState State { get; private set; } = ResourceState.Waiting;

    /// <summary>Healthy, Unhealthy, or null without a health check (or when not running).</summary>
    public string? Health { get; private set; }

    /// <summary>Why it is in its state.</summary>
    public string? Message { get; private set; }

    /// <summary>Its endpoints.</summary>
    public IReadOnlyList<string> Urls { get; internal set; } = [];

    /// <summary>Restarts after crashes.</summary>
    public int Restarts { get; private set; }

    /// <summary>The last exit code of one of its processes.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>When it last started.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Completes when the resource is first running (and healthy); faults if it fails to start.</summary>
    public Task Ready => _ready.Task;

    /// <summary>The process ids of its running replicas.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get { lock (_lock) { return [.. _processIds.Values]; } }
    }

    internal void Set(ResourceState state, string? message = null, string? health = null)
    {
        var effectiveHealth = state == ResourceState.Running ? health : null;
        if (State == state && Message == message && Health == effectiveHealth)
        {
            return;
        }
        lock (_lock)
        {
            if (state == ResourceState.Starting && State != ResourceState.Starting)
            {
                StartedAt = DateTimeOffset.Now;
            }
            State = state;
            Message = message;
            Health = effectiveHealth;
        }
        if (state == ResourceState.Running && health is null or "Healthy")
        {
            _ready.TrySetResult();
        }
        else if (state == ResourceState.FailedToStart)
        {
            _ready.TrySetException(new DistributedApplicationException($"{Resource.Name} failed to start: {message}"));
        }
        Changed?.Invoke();
    }

    internal void SetHealth(string health)
    {
        if (Health == health || State != ResourceState.Running)
        {
            return;
        }
        Set(ResourceState.Running, health == "Healthy" ? null : Message, health);
    }

    internal void ProcessStarted(int replica, int processId)
    {
        lock (_lock) { _processIds[replica] = processId; }
        Changed?.Invoke();
    }

    internal void ProcessExited(int replica, int exitCode)
    {
        lock (_lock)
        {
            _processIds.Remove(replica);
            ExitCode = exitCode;
        }
        Changed?.Invoke();
    }

    internal void CountRestart()
    {
        lock (_lock) { Restarts++; }
    }

    internal void Write(ConsoleLogLine line)
    {
        lock (_lock)
        {
            _console.Enqueue(line);
            if (_console.Count > ConsoleCapacity)
            {
                _console.Dequeue();
            }
        }
        Changed?.Invoke();
    }

    internal IReadOnlyList<ConsoleLogLine> ConsoleLines()
    {
        lock (_lock) { return [.. _console]; }
    }

    internal ResourceSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new(Resource.Name, Type, State.ToString(), Health, Urls, Restarts, [.. _processIds.Values], ExitCode, Message, StartedAt);
        }
    }
}
