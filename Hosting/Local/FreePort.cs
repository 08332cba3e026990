using System.Net;
using System.Net.Sockets;

namespace Backend.Hosting.Local;

/// <summary>Free loopback ports for programs that cannot report the port they bound (postgres, dynalite, the services).</summary>
internal static class FreePort
{
    /// <summary>A port free on 127.0.0.1 right now; another process could still take it before us.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts something on <paramref name="port"/>, or on a fresh free port when it is 0, retrying
    /// with another port when the start fails (the usual cause being a port taken in between).
    /// </summary>
    public static async Task<T> StartWithRetryAsync<T>(int port, string name, Microsoft.Extensions.Logging.ILogger logger, Func<int, Task<T>> start)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port == 0 ? Next() : port;
            try
            {
                return await start(chosen).ConfigureAwait(false);
            }
            catch (LocalDependencyException ex) when (port == 0 && attempt < Attempts)
            {
                HostingLog.PortRetry(logger, name, chosen, ex.Message);
            }
        }
    }
}
