using System.Net;
using System.Text.Json;
using Polly;

namespace Canvas.Api.Tasks;

/// <summary>
/// The orchestrator's task API over HTTP (service discovery, API key, retries with the caller's
/// Idempotency-Key). Every way of not getting an answer becomes <see cref="OrchestratorUnavailableException"/>.
/// </summary>
internal sealed class OrchestratorClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The accepted task, or the orchestrator's reason for refusing it.</summary>
    public async Task<(OrchestratorTask? Task, OrchestratorRejection? Rejection)> SubmitAsync(
        OrchestratorSubmit submission, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(submission, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created:
                return (await ReadAsync<OrchestratorTask>(response, cancellationToken).ConfigureAwait(false), null);
            case HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity:
                var problem = await TryReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
                return (null, new OrchestratorRejection((int)response.StatusCode, problem?.Title, problem?.Detail, problem?.Errors));
            default:
                throw Unexpected(response);
        }
    }

    /// <summary>The task, or null when the orchestrator does not know it.</summary>
    public async Task<OrchestratorTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{Uri.EscapeDataString(taskId)}");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => await ReadAsync<OrchestratorTask>(response, cancellationToken).ConfigureAwait(false),
            HttpStatusCode.NotFound => null,
            _ => throw Unexpected(response),
        };
    }

    /// <summary>Cancels a queued task; false when it is no longer queued (409) or unknown (404).</summary>
    public async Task<bool> CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(taskId)}/cancel");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Conflict or HttpStatusCode.NotFound => false,
            _ => throw Unexpected(response),
        };
    }

    /// <summary>The tasks of these ids that the orchestrator knows (at most 100), in one request.</summary>
    public async Task<IReadOnlyList<OrchestratorTask>> GetManyAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks/batch") { Content = JsonContent.Create(new { ids = taskIds }, options: Json) };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK
            ? (await ReadAsync<OrchestratorTaskBatch>(response, cancellationToken).ConfigureAwait(false)).Items ?? []
            : throw Unexpected(response);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException ||
            (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Connection refused, DNS, attempt or total timeout, open circuit breaker.
            throw new OrchestratorUnavailableException("The orchestrator did not answer.", exception);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException exception)
        {
            throw new OrchestratorUnavailableException("The orchestrator answered with a body that is not a task.", exception);
        }
    }

    private static async Task<HttpValidationProblemDetails?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // 5xx and 429 are the orchestrator's trouble; 401/403 mean our key is wrong: neither is the caller's fault.
    private static OrchestratorUnavailableException Unexpected(HttpResponseMessage response) =>
        new($"The orchestrator answered {(int)response.StatusCode} {response.ReasonPhrase}.");
}
