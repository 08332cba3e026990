using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Hosting.Projects;

/// <summary>
/// An HTTP readiness check (a service's <c>/health</c>, an emulator's root), asked every 50 ms for up to 5 s before it
/// counts as not ready.
/// </summary>
internal static class HttpReadiness
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    // anyAnswer: ready on any HTTP answer (an emulator's root answers with an error), not only on success (a service).
    public static async Task<HealthCheckResult> CheckAsync(EndpointReference endpoint, string path, bool anyAnswer, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("not started");
        }
        var url = new Uri(new Uri(endpoint.Url), path);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Readiness.Patience);
        var last = "no answer";
        do
        {
            try
            {
                using var response = await Client.GetAsync(url, patience.Token).ConfigureAwait(false);
                if (anyAnswer || response.IsSuccessStatusCode)
                {
                    return HealthCheckResult.Healthy();
                }
                last = $"{url} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        while (await Readiness.PauseAsync(patience.Token).ConfigureAwait(false));
        return HealthCheckResult.Unhealthy(last);
    }
}
