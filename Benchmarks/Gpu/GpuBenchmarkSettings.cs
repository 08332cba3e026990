using System.Globalization;

namespace Backend.Benchmarks.Gpu;

/// <summary>
/// The shape of the GPU idle-cost run. EC2's real timings (a minute to start, half a minute to stop,
/// a 5-minute idle timeout) are scaled down so that a run takes about a minute; the ratios are what matter.
/// </summary>
internal sealed record GpuBenchmarkSettings
{
    public int Messages { get; init; } = 20;

    /// <summary>The pause after each burst before the next one: long ones let the instance stop, a short one does not.</summary>
    public IReadOnlyList<TimeSpan> Gaps { get; init; } = [TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(1.5), TimeSpan.Zero];

    public TimeSpan WorkTime { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan StopDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Reads <c>--messages N --bursts N --gap S --idle S --poll S --work MS</c>; anything missing keeps its default.</summary>
    public static GpuBenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new GpuBenchmarkSettings();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--messages" => settings with { Messages = (int)value },
                "--bursts" => settings with { Gaps = [.. Enumerable.Range(0, (int)value).Select(b => b == value - 1 ? TimeSpan.Zero : settings.Gaps[0])] },
                "--gap" => settings with { Gaps = [.. settings.Gaps.Select((g, b) => b == settings.Gaps.Count - 1 ? g : TimeSpan.FromSeconds(value))] },
                "--idle" => settings with { IdleTimeout = TimeSpan.FromSeconds(value) },
                "--poll" => settings with { PollInterval = TimeSpan.FromSeconds(value) },
                "--work" => settings with { WorkTime = TimeSpan.FromMilliseconds(value) },
                var other => throw new ArgumentException($"Unknown option '{other}'."),
            };
        }
        return settings;
    }
}
