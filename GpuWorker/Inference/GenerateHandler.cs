using System.Net;
using System.Net.Http.Json;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Images;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.Options;

namespace Backend.GpuWorker.Inference;

/// <summary>
/// <c>generate</c>: asks the configured inference server for an image and stores what it returns. There is
/// no fallback: without a server the task fails with a clear error, never with a made-up picture.
/// </summary>
public sealed class GenerateHandler(IHttpClientFactory httpClients, ImageStorage storage, IOptions<InferenceOptions> options) : ITaskHandler
{
    public const string HttpClientName = "inference";
    public const string NotConfigured = "no inference server configured: set Inference__Url";

    public string TaskType => TaskTypes.Generate;

    public async Task<TaskResult> HandleAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Url))
        {
            throw new PermanentTaskException(NotConfigured);
        }
        var parameters = TaskParameters.Generate(task.Parameters);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(options.Value.Url,
            new { prompt = parameters.Prompt, width = parameters.Width, height = parameters.Height }, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError and not HttpStatusCode.TooManyRequests and not HttpStatusCode.RequestTimeout)
        {
            // The server refused this request; sending it again will not change its mind.
            throw new PermanentTaskException($"the inference server refused the request: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        response.EnsureSuccessStatusCode(); // 5xx, 408 and 429 are transient: the task is retried with backoff
        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        var image = ImageOperations.Describe(bytes)
            ?? throw new PermanentTaskException("the inference server answered with something that is not an image");
        var key = task.OutputPrefix + task.Id + image.Format.Extension;
        await storage.WriteAsync(key, image, cancellationToken).ConfigureAwait(false);
        return new TaskResult(key, image.Format.ContentType, image.Width, image.Height, bytes.LongLength);
    }
}
