namespace Backend.Hosting;

/// <summary>
/// How the local readiness checks wait. Aspire runs a failed health check again only after 1, 2, 3… s, so a check that
/// fails the moment before a stand-in or service starts listening costs seconds, and everything waiting behind it pays
/// them too: each check keeps trying for a while instead.
/// </summary>
internal static class Readiness
{
    /// <summary>How long a readiness check keeps trying before it reports unhealthy.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Waits 50 ms before the next try; false when patience ran out.</summary>
    public static async Task<bool> PauseAsync(CancellationToken patience)
    {
        try
        {
            await Task.Delay(50, patience).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
