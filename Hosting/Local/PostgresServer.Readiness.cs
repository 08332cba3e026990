using System.Net.Sockets;
using Npgsql;

namespace Backend.Hosting.Local;

public sealed partial class PostgresServer
{
    // Opening a real connection is the one check that proves the server accepts clients with our password.
    private async Task WaitUntilAcceptingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await AcceptsAsync(deadline.Token).ConfigureAwait(false))
            {
                if (Process.Exited.IsCompleted)
                {
                    throw new LocalDependencyException($"postgres exited with code {await Process.Exited.ConfigureAwait(false)}:\n{Process.Output.Tail()}");
                }
                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalDependencyException($"postgres did not accept connections on port {Port} within {timeout.TotalSeconds:0} s:\n{Process.Output.Tail()}");
        }
    }

    private async Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _admin.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            // Refused while starting, or "the database system is starting up" (57P03).
            return false;
        }
    }
}
