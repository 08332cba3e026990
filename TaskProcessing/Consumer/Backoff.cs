namespace Backend.TaskProcessing.Consumer;

/// <summary>Exponential backoff with full jitter, so that many workers failing together do not retry together.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(TimeSpan initial, TimeSpan max, int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        // Half fixed, half random: never much sooner than the exponential step, never in lockstep.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
