using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// Totals of one host's GPU counters. Tests run in parallel in one process, so it listens only to the
/// meter of the given host's meter factory (which hands out the same Meter for the same name).
/// </summary>
internal sealed class GpuMetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _totals = new();

    public GpuMetricsRecorder(IServiceProvider services)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(BackendTelemetry.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name.StartsWith("gpu.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument, value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _totals[instrument.Name] = value);
        _listener.Start();
    }

    /// <summary>A counter's total, or a gauge's latest value once <see cref="Observe"/> has run.</summary>
    public double this[string instrument] => _totals.GetValueOrDefault(instrument);

    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
}
