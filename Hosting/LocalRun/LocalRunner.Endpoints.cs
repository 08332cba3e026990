using System.Net;
using System.Net.Sockets;
using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.LocalRun;

public sealed partial class LocalRunner
{
    private const string Host = "127.0.0.1";

    // Known ports stay known (Canvas.Api on 9000, the orchestrator on 8080) unless overridden; the
    // rest get free ports. Several replicas each get their own port behind a proxy on the known one.
    private void AllocateEndpoints(IResource resource)
    {
        var replicas = resource.GetReplicaCount();
        var urls = new List<string>();
        foreach (var endpoint in resource.GetEndpoints())
        {
            var port = _options.Ports.TryGetValue(resource.Name, out var configured) ? configured
                : _options.UseFreePorts ? 0
                : endpoint.Port ?? 0;
            if (port == 0)
            {
                port = Local.FreePort.Next();
            }
            else if (!IsFree(port))
            {
                _runtimes[resource].Set(ResourceState.FailedToStart,
                    $"port {port} on {Host} is in use (another AppHost or a service still running?): stop that process, " +
                    $"or run on another port with `dotnet run --project AppHost -- --Ports:{resource.Name}=<port>`");
            }

            IReadOnlyList<int>? replicaPorts = replicas > 1 ? [.. Enumerable.Range(0, replicas).Select(_ => Local.FreePort.Next())] : null;
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(Host, port, replicaPorts);
            if (replicaPorts is not null && _runtimes[resource].State != ResourceState.FailedToStart)
            {
                _proxies.Add(new TcpReplicaProxy(port, replicaPorts));
            }
            urls.Add($"{endpoint.UriScheme}://{Host}:{port}");
        }
        _runtimes[resource].Urls = urls;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
