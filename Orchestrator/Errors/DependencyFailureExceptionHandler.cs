using Amazon.Runtime;

namespace Backend.Orchestrator.Errors;

/// <summary>
/// DynamoDB, SQS or S3 failing under a read (get, list, batch, cancel) is the orchestrator's trouble, not
/// the caller's, and likely brief: 503 ProblemDetails with Retry-After, as a failed submit already answers.
/// </summary>
public sealed partial class DependencyFailureExceptionHandler(IProblemDetailsService problems, ILogger<DependencyFailureExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public const string RetryAfterSeconds = "2";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var isDependency = exception is AmazonServiceException or AmazonClientException or HttpRequestException
            || (exception is OperationCanceledException && !httpContext.RequestAborted.IsCancellationRequested);
        if (!isDependency || httpContext.Response.HasStarted)
        {
            return false;
        }
        LogDependencyFailed(exception, httpContext.Request.Path.Value ?? "/");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The task store is unavailable. Retry shortly.",
            },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Warning, "A dependency failed while serving {Path}")]
    private partial void LogDependencyFailed(Exception exception, string path);
}
