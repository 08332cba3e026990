using System.Diagnostics.Metrics;
using System.Globalization;
using Amazon.SQS.Model;
using Backend.Hosting.Ec2;
using Microsoft.Extensions.Hosting;

namespace Backend.Benchmarks.Gpu;

/// <summary>
/// GPU idle cost: bursts of GPU work against the real controller, SQS emulator and EC2 stand-in, with
/// a backend that drains the queue like the GpuWorker. Per burst: how long the first message waited
/// for a running instance, how long the work took, and how long the instance then ran with no GPU
/// work (the idle cost) against the configured idle timeout.
/// </summary>
internal static class GpuIdleCostBenchmark
{
    private sealed record Burst(int Number, DateTimeOffset SentAt, DateTimeOffset DoneAt);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = GpuBenchmarkSettings.Parse(args);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GPU idle cost: {settings.Gaps.Count} bursts of {settings.Messages} messages ({settings.WorkTime.TotalMilliseconds:0} ms of GPU work each); " +
            $"poll {settings.PollInterval.TotalSeconds:0.##} s, idle timeout {settings.IdleTimeout.TotalSeconds:0.##} s, " +
            $"EC2 start {settings.StartDelay.TotalSeconds:0.##} s / stop {settings.StopDelay.TotalSeconds:0.##} s (scaled down from minutes)"));
        await using var environment = await GpuBenchmarkEnvironment.StartAsync(settings).ConfigureAwait(false);
        using var controllerMetrics = new ControllerTotals();
        var began = DateTimeOffset.UtcNow;

        var bursts = new List<Burst>();
        for (var number = 1; number <= settings.Gaps.Count; number++)
        {
            var sentAt = DateTimeOffset.UtcNow;
            await SendBurstAsync(environment, number, settings.Messages).ConfigureAwait(false);
            var doneAt = await WaitForBurstAsync(environment, number, settings.Messages).ConfigureAwait(false);
            bursts.Add(new Burst(number, sentAt, doneAt));
            await Task.Delay(settings.Gaps[number - 1]).ConfigureAwait(false);
        }
        using var timeout = new CancellationTokenSource(settings.IdleTimeout + settings.StopDelay + TimeSpan.FromSeconds(30));
        await environment.Ec2.WaitForStateAsync(GpuBenchmarkEnvironment.InstanceId, Ec2InstanceStateName.Stopped, timeout.Token).ConfigureAwait(false);
        await Task.Delay(settings.PollInterval * 2).ConfigureAwait(false);
        var ended = DateTimeOffset.UtcNow;

        GpuIdleCostReport.Print([.. bursts.Select((burst, i) => Row(burst, i + 1 < bursts.Count ? bursts[i + 1].SentAt : ended, environment.Timeline, settings))]);
        var running = environment.Timeline.RunningSeconds(began, ended);
        var idle = bursts.Select((burst, i) => environment.Timeline.RunningSeconds(burst.DoneAt, i + 1 < bursts.Count ? bursts[i + 1].SentAt : ended)).Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: instance running {running:0.00} s, of which idle {idle:0.00} s ({100 * idle / running:0} %); " +
            $"starts {environment.Timeline.Count(Ec2InstanceStateName.Pending)}, stops {environment.Timeline.Count(Ec2InstanceStateName.Stopping)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"controller's own metrics: gpu.instance.running_seconds {controllerMetrics["gpu.instance.running_seconds"]:0.00}, " +
            $"gpu.instance.idle_seconds {controllerMetrics["gpu.instance.idle_seconds"]:0.00}, starts {controllerMetrics["gpu.instance.starts"]}, stops {controllerMetrics["gpu.instance.stops"]}"));
        return 0;
    }

    private static GpuIdleCostReport.Row Row(Burst burst, DateTimeOffset windowEnd, GpuTimeline timeline, GpuBenchmarkSettings settings)
    {
        var runningAt = timeline.RunningFrom(burst.SentAt) ?? burst.DoneAt;
        var idle = timeline.RunningSeconds(burst.DoneAt, windowEnd);
        var stopped = timeline.RunningFrom(windowEnd) != windowEnd;
        return new GpuIdleCostReport.Row(burst.Number, (runningAt - burst.SentAt).TotalSeconds, (burst.DoneAt - runningAt).TotalSeconds,
            idle, stopped ? idle - settings.IdleTimeout.TotalSeconds : null, (windowEnd - burst.DoneAt).TotalSeconds);
    }

    private static async Task SendBurstAsync(GpuBenchmarkEnvironment environment, int number, int messages)
    {
        foreach (var batch in Enumerable.Range(0, messages).Chunk(10))
        {
            await environment.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = environment.QueueUrl,
                Entries = [.. batch.Select(i => new SendMessageBatchRequestEntry($"m{i}", number.ToString(CultureInfo.InvariantCulture)))],
            }).ConfigureAwait(false);
        }
    }

    private static async Task<DateTimeOffset> WaitForBurstAsync(GpuBenchmarkEnvironment environment, int number, int messages)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (environment.Backend.Done.Count(d => d.Burst == number) < messages)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Burst {number} was not drained within 2 minutes.");
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
        return environment.Backend.Done.Where(d => d.Burst == number).Max(d => d.DoneAt);
    }

    /// <summary>Totals of the controller's counters (the only meter of that name in this process).</summary>
    private sealed class ControllerTotals : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, double> _totals = [];

        public ControllerTotals()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BackendTelemetry.MeterName && instrument.Name.StartsWith("gpu.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
            _listener.Start();
        }

        public double this[string name]
        {
            get
            {
                lock (_totals)
                {
                    return _totals.GetValueOrDefault(name);
                }
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Add(string name, double value)
        {
            lock (_totals)
            {
                _totals[name] = _totals.GetValueOrDefault(name) + value;
            }
        }
    }
}
