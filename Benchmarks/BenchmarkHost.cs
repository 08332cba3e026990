using System.Globalization;

namespace Backend.Benchmarks;

/// <summary>What every benchmark needs of the machine: a process's memory and CPU time.</summary>
internal static class BenchmarkHost
{
    /// <summary>A memory field of <c>/proc/&lt;pid&gt;/status</c> (VmRSS: resident now, VmHWM: peak resident), in bytes.</summary>
    public static long MemoryBytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User plus system CPU time a process has used so far (<c>/proc/&lt;pid&gt;/stat</c>, all its threads).</summary>
    public static TimeSpan CpuTime(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    // USER_HZ, the unit of /proc's CPU times: 100 on every Linux build this runs on.
    private const int ClockTicksPerSecond = 100;
}
