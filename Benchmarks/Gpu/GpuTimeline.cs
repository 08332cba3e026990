using System.Collections.Concurrent;
using Backend.Hosting.Ec2;

namespace Backend.Benchmarks.Gpu;

/// <summary>The instance's state changes as the EC2 stand-in recorded them, and what they add up to.</summary>
internal sealed class GpuTimeline
{
    private readonly ConcurrentQueue<(DateTimeOffset At, Ec2InstanceStateName State)> _changes = new();

    public GpuTimeline(Ec2Emulator ec2, string instanceId)
    {
        var initial = ec2.GetInstance(instanceId);
        _changes.Enqueue((initial.StateChangedAt, initial.State));
        ec2.StateChanged += (_, change) => _changes.Enqueue((change.Current.StateChangedAt, change.Current.State));
    }

    public int Count(Ec2InstanceStateName state) => _changes.Count(c => c.State == state) - (First.State == state ? 1 : 0);

    private (DateTimeOffset At, Ec2InstanceStateName State) First => _changes.First();

    /// <summary>The first time at or after <paramref name="from"/> that the instance was running (itself if it already was).</summary>
    public DateTimeOffset? RunningFrom(DateTimeOffset from)
    {
        var changes = _changes.ToArray();
        if (changes.LastOrDefault(c => c.At <= from).State == Ec2InstanceStateName.Running)
        {
            return from;
        }
        return changes.Where(c => c.At > from && c.State == Ec2InstanceStateName.Running).Select(c => (DateTimeOffset?)c.At).FirstOrDefault();
    }

    /// <summary>
    /// Seconds the instance was running between two times. EC2 bills running only: pending, stopping
    /// and stopped are not billed (EBS aside), so this is the GPU time paid for.
    /// </summary>
    public double RunningSeconds(DateTimeOffset from, DateTimeOffset to)
    {
        var changes = _changes.ToArray();
        var total = TimeSpan.Zero;
        for (var i = 0; i < changes.Length; i++)
        {
            if (changes[i].State != Ec2InstanceStateName.Running)
            {
                continue;
            }
            var start = changes[i].At > from ? changes[i].At : from;
            var endOfState = i + 1 < changes.Length ? changes[i + 1].At : DateTimeOffset.MaxValue;
            var end = endOfState < to ? endOfState : to;
            if (end > start)
            {
                total += end - start;
            }
        }
        return total.TotalSeconds;
    }
}
