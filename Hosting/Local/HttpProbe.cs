using Backend.Hosting.Processes;

namespace Backend.Hosting.Local;

/// <summary>The health check of the emulators: any HTTP answer means the server is serving.</summary>
internal static class HttpProbe
{
    // No proxy: a proxy from the environment must never see (or break) loopback calls.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Whether <paramref name="endpoint"/> gives any HTTP response now.</summary>
    public static async Task<bool> AnswersAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="endpoint"/> answers; fails when the process exits or time runs out.</summary>
    public static async Task WaitUntilAnsweringAsync(Uri endpoint, ChildProcess process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await AnswersAsync(endpoint, deadline.Token).ConfigureAwait(false))
            {
                if (process.Exited.IsCompleted)
                {
                    throw new LocalDependencyException($"{process.Name} exited with code {await process.Exited.ConfigureAwait(false)} before answering at {endpoint}:\n{process.Output.Tail()}");
                }
                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalDependencyException($"{process.Name} did not answer at {endpoint} within {timeout.TotalSeconds:0} s:\n{process.Output.Tail()}");
        }
    }
}
