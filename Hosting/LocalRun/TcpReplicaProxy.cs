using System.Net;
using System.Net.Sockets;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// Listens on a resource's known port and spreads connections over its replicas' own ports, round
/// robin, as the load balancer in front of several tasks does in production.
/// </summary>
internal sealed class TcpReplicaProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<int> _replicaPorts;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _next;

    public TcpReplicaProxy(int port, IReadOnlyList<int> replicaPorts)
    {
        _replicaPorts = replicaPorts;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var port = _replicaPorts[(int)((uint)Interlocked.Increment(ref _next) % _replicaPorts.Count)];
            _ = RelayAsync(client, port, cancellationToken);
        }
    }

    private static async Task RelayAsync(TcpClient client, int port, CancellationToken cancellationToken)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                var downstream = client.GetStream();
                var toReplica = upstream.GetStream();
                // Either side closing ends the connection for both.
                await Task.WhenAny(downstream.CopyToAsync(toReplica, cancellationToken), toReplica.CopyToAsync(downstream, cancellationToken))
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // A replica that is down or restarting drops the connection, as a real one would.
            }
        }
    }
}
