using System.Globalization;
using System.Text.Json;

namespace Backend.Orchestrator.Gpu;

/// <summary>Wording of decision reasons, which operators read at <c>GET /api/gpu</c> and in logs.</summary>
internal static class GpuFormat
{
    public static string Messages(int count) => count == 1 ? "1 GPU message" : $"{count} GPU messages";

    public static string Messages(GpuQueueDepth depth) =>
        $"{Messages(depth.Total)} ({depth.Visible} visible, {depth.InFlight} in flight, {depth.Delayed} delayed)";

    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s"),
        { TotalMinutes: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min"),
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The enum's wire name (its JsonStringEnumMemberName), e.g. <c>shutting-down</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value).Trim('"');
}
