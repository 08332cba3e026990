using Amazon.Runtime;
using Canvas.Api.Tasks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Canvas.Api.Infrastructure;

/// <summary>
/// A dependency that fails (the orchestrator, S3, PostgreSQL) is a 503 with Retry-After, not a 500:
/// the request was fine and may well succeed shortly. Requests the server could not read keep their
/// own status (413 from Kestrel's body limit, 400 for unreadable JSON).
/// </summary>
internal sealed partial class DependencyFailureHandler(
    IProblemDetailsService problemDetails, IOptions<OrchestratorOptions> orchestratorOptions, ILogger<DependencyFailureHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            OrchestratorUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The task service is unavailable"),
            AmazonServiceException or AmazonClientException => (StatusCodes.Status503ServiceUnavailable, "Image storage is unavailable"),
            NpgsqlException { IsTransient: true } or TimeoutException => (StatusCodes.Status503ServiceUnavailable, "The database is unavailable"),
            // A dependency's own timeout (the caller did not go away): as unavailable as a refused connection.
            OperationCanceledException when !httpContext.RequestAborted.IsCancellationRequested => (StatusCodes.Status503ServiceUnavailable, "A dependency timed out"),
            _ => (0, null),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogDependencyFailure(logger, exception, httpContext.Request.Path.Value ?? "/");
            httpContext.Response.Headers.RetryAfter = ((int)orchestratorOptions.Value.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = status == 503 ? "Try again shortly." : exception.Message },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency failed while serving {Path}")]
    private static partial void LogDependencyFailure(ILogger logger, Exception exception, string path);
}
