using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backend.Benchmarks;

/// <summary>What every benchmark needs of the machine: the repository, a free port, a process's memory.</summary>
internal static class BenchmarkHost
{
    /// <summary>The repository root (where Backend.sln is), found above the benchmark's own binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Backend.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmarks from the repository: Backend.sln was not found above " + AppContext.BaseDirectory);
    }

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
