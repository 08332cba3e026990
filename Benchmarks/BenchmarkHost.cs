using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backend.Benchmarks;

/// <summary>What every benchmark needs of the machine: a free port, a process's memory.</summary>
internal static class BenchmarkHost
{
    /// <summary>A port nothing listens on now, on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A memory field of <c>/proc/&lt;pid&gt;/status</c> (VmRSS: resident now, VmHWM: peak resident), in bytes.</summary>
    public static long MemoryBytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
