using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The controller's instruments on the <c>Backend</c> meter. Only the leader reports (gauges and
/// counters alike), so that summing over replicas counts the one instance once.
/// </summary>
internal sealed class GpuMetrics
{
    private readonly Counter<long> _starts;
    private readonly Counter<long> _stops;
    private readonly Counter<long> _deferrals;
    private readonly Counter<long> _stopsCalledOff;
    private readonly Counter<long> _errors;
    private readonly Counter<double> _runningSeconds;
    private readonly Counter<double> _idleSeconds;
    private volatile GpuObservation? _observed;
    private volatile bool _leader;

    public GpuMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(BackendTelemetry.MeterName);
        _starts = meter.CreateCounter<long>("gpu.instance.starts", "{start}", "Starts of the GPU instance the controller asked EC2 for.");
        _stops = meter.CreateCounter<long>("gpu.instance.stops", "{stop}", "Stops of the GPU instance the controller asked EC2 for.");
        _deferrals = meter.CreateCounter<long>("gpu.instance.deferrals", "{call}", "Starts and stops EC2 refused for the instance's state (IncorrectInstanceState), retried later.");
        _stopsCalledOff = meter.CreateCounter<long>("gpu.instance.stops_called_off", "{stop}", "Idle stops called off because GPU work arrived just before StopInstances.");
        _errors = meter.CreateCounter<long>("gpu.controller.errors", "{error}", "Polls that failed.");
        _runningSeconds = meter.CreateCounter<double>("gpu.instance.running_seconds", "s", "Time the GPU instance was seen running.");
        _idleSeconds = meter.CreateCounter<double>("gpu.instance.idle_seconds", "s", "Time the GPU instance was seen running with no GPU work: the idle cost.");
        meter.CreateObservableGauge("gpu.instance.running", () => Leading(o => o.State == GpuInstanceState.Running ? 1 : 0),
            description: "1 while the GPU instance is running, else 0.");
        meter.CreateObservableGauge("gpu.queue.depth", ObserveDepth, "{message}", "Messages in the GPU queue, by state.");
        meter.CreateObservableGauge("gpu.controller.leader", () => _leader ? 1 : 0, description: "1 on the replica that holds the controller's lease.");
    }

    public void Observed(bool leader, GpuObservation? observation)
    {
        _leader = leader;
        _observed = observation;
    }

    public void Started(bool manual) => _starts.Add(1, Trigger(manual));

    public void Stopped(bool manual, bool force) => _stops.Add(1, Trigger(manual), new KeyValuePair<string, object?>("force", force));

    public void Deferred(GpuAction action) => _deferrals.Add(1, new KeyValuePair<string, object?>("action", GpuFormat.Name(action)));

    public void StopCalledOff() => _stopsCalledOff.Add(1);

    public void Failed(Exception exception) => _errors.Add(1, new KeyValuePair<string, object?>("error.type", exception.GetType().Name));

    /// <summary>Attributes the time since the previous observation to the state seen then.</summary>
    public void Elapsed(GpuObservation previous, TimeSpan elapsed)
    {
        if (previous.State != GpuInstanceState.Running)
        {
            return;
        }
        _runningSeconds.Add(elapsed.TotalSeconds);
        if (previous.Depth.Total == 0)
        {
            _idleSeconds.Add(elapsed.TotalSeconds);
        }
    }

    private static KeyValuePair<string, object?> Trigger(bool manual) => new("trigger", manual ? "manual" : "auto");

    private IEnumerable<Measurement<int>> Leading(Func<GpuObservation, int> value) =>
        _leader && _observed is { } observed ? [new Measurement<int>(value(observed))] : [];

    private IEnumerable<Measurement<int>> ObserveDepth() => _leader && _observed is { Depth: var depth }
        ?
        [
            new(depth.Visible, new TagList { { "gpu.queue.message_state", "visible" } }),
            new(depth.InFlight, new TagList { { "gpu.queue.message_state", "in_flight" } }),
            new(depth.Delayed, new TagList { { "gpu.queue.message_state", "delayed" } }),
        ]
        : [];
}
