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
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Url)
        {
            Content = JsonContent.Create(new { prompt = parameters.Prompt, width = parameters.Width, height = parameters.Height }),
        };
        // Headers only: the body is read below, within the size limit.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError and not HttpStatusCode.TooManyRequests and not HttpStatusCode.RequestTimeout)
        {
            // The server refused this request; sending it again will not change its mind.
            throw new PermanentTaskException($"the inference server refused the request: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest)
        {
            // Redirects are not followed: the server's answer is the image, not a pointer to somewhere else to fetch.
            throw new PermanentTaskException($"the inference server answered a redirect ({(int)response.StatusCode}); redirects are not followed");
        }
        response.EnsureSuccessStatusCode(); // 5xx, 408 and 429 are transient: the task is retried with backoff
        var bytes = await ReadBoundedAsync(response.Content, options.Value.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
        var image = ImageOperations.Describe(bytes)
            ?? throw new PermanentTaskException("the inference server answered with something that is not an image");
        var key = task.OutputPrefix + task.Id + image.Format.Extension;
        await storage.WriteAsync(key, image, cancellationToken).ConfigureAwait(false);
        return new TaskResult(key, image.Format.ContentType, image.Width, image.Height, bytes.LongLength);
    }

    /// <summary>The body, refused as soon as it is known (Content-Length) or seen (streamed) to exceed <paramref name="limit"/>.</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new PermanentTaskException($"the inference server's answer is {content.Headers.ContentLength} bytes, above the limit of {limit}");
        }
        await using var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PermanentTaskException($"the inference server's answer is larger than the limit of {limit} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
