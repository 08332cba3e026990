using System.Globalization;

namespace Backend.Benchmarks.Gpu;

internal static class GpuIdleCostReport
{
    /// <param name="Burst">1, 2, …</param>
    /// <param name="ToRunning">Seconds from the burst's first message to a running instance (0 when it already ran).</param>
    /// <param name="Work">Seconds from running (or the burst) to its last message done.</param>
    /// <param name="Idle">Seconds the instance then ran with no GPU work: the idle cost.</param>
    /// <param name="OverTimeout">Idle minus the idle timeout, when the instance stopped before the next burst; null when it stayed up.</param>
    /// <param name="Gap">Seconds from the last message done to the next burst (or the end).</param>
    public sealed record Row(int Burst, double ToRunning, double Work, double Idle, double? OverTimeout, double Gap);

    public static void Print(IReadOnlyList<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("burst  first msg -> running (s)  work (s)  idle running (s)  idle - timeout (s)  then");
        foreach (var row in rows)
        {
            var over = row.OverTimeout is { } value ? value.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "-";
            var then = row.OverTimeout is null
                ? string.Create(CultureInfo.InvariantCulture, $"next burst {row.Gap:0.0} s later, still running")
                : "stopped";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Burst,5}  {row.ToRunning,24:0.00}  {row.Work,8:0.00}  {row.Idle,16:0.00}  {over,18}  {then}"));
        }
        Console.WriteLine();
    }
}
