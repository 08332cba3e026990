using System.Globalization;

namespace Backend.Benchmarks;

/// <summary>What every benchmark needs of the machine: a process's memory.</summary>
internal static class BenchmarkHost
{
    /// <summary>A memory field of <c>/proc/&lt;pid&gt;/status</c> (VmRSS: resident now, VmHWM: peak resident), in bytes.</summary>
    public static long MemoryBytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
