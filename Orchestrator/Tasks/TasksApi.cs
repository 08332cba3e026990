using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backend.Orchestrator.Tasks;

/// <summary>The task API of docs/orchestrator-api.md.</summary>
public static class TasksApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapPost("/", SubmitAsync).WithName("SubmitTask");
        group.MapGet("/{id}", GetAsync).WithName("GetTask");
        group.MapGet("/", ListAsync).WithName("ListTasks");
        group.MapPost("/{id}/cancel", CancelAsync).WithName("CancelTask");
        group.MapPost("/batch", GetManyAsync).WithName("GetTasks");
        return app;
    }

    private static async Task<Results<Accepted<TaskResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, JsonBody body, TaskSubmission submission, LinkGenerator links, CancellationToken cancellationToken)
    {
        var read = await body.ReadAsync<SubmitTaskRequest>(request, cancellationToken).ConfigureAwait(false);
        if (read.Status == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem($"The body is larger than {JsonBody.MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (read.Value is not { } submit)
        {
            return TypedResults.ValidationProblem(read.Errors!);
        }
        var errors = new Dictionary<string, string[]>();
        var idempotencyKey = request.Headers.TryGetValue(IdempotencyKeyHeader, out var header) ? header.ToString() : null;
        if (SubmitTaskValidator.Validate(submit, idempotencyKey, errors) is not { } valid)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await submission.SubmitAsync(valid, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            // A relative Location, as the contract shows: callers reach the orchestrator through service discovery.
            SubmitOutcome.Accepted => TypedResults.Accepted(links.GetPathByName("GetTask", new { id = result.Task!.Id }), TaskResponse.From(result.Task)),
            SubmitOutcome.IdempotencyConflict => TypedResults.Problem(
                $"The {IdempotencyKeyHeader} was already used for a different request (task {result.Task!.Id}).",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused"),
            _ => Unavailable(request.HttpContext),
        };
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(string id, ITaskStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } task
            ? TypedResults.Ok(TaskResponse.From(task))
            : TaskNotFound(id);

    /// <summary>One consistent read of many tasks: Canvas.Api shows a page of a session's tasks with one call, not one per task.</summary>
    private static async Task<Results<Ok<TaskBatchResponse>, ValidationProblem, ProblemHttpResult>> GetManyAsync(
        HttpRequest request, JsonBody body, ITaskStore store, CancellationToken cancellationToken)
    {
        var read = await body.ReadAsync<TaskBatchRequest>(request, cancellationToken).ConfigureAwait(false);
        if (read.Status == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem($"The body is larger than {JsonBody.MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (read.Value is not { } batch)
        {
            return TypedResults.ValidationProblem(read.Errors!);
        }
        if (batch.Ids is not { Count: > 0 and <= ITaskStore.MaxBatch } ids || ids.Any(id => string.IsNullOrEmpty(id) || id.Length > 128))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["ids"] = [$"'ids' must hold 1 to {ITaskStore.MaxBatch} task ids of 1 to 128 characters."],
            });
        }
        var found = (await store.GetManyAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(task => task.Id, StringComparer.Ordinal);
        var asked = ids.Distinct(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new TaskBatchResponse(
            [.. asked.Where(found.ContainsKey).Select(id => TaskResponse.From(found[id]))],
            [.. asked.Where(id => !found.ContainsKey(id))]));
    }

    private static async Task<Results<Ok<TaskListResponse>, ValidationProblem>> ListAsync(
        string? sessionId, string? limit, string? continuationToken, ITaskStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (sessionId is null || !SubmitTaskValidator.IsSessionId(sessionId))
        {
            errors["sessionId"] = ["'sessionId' is required: 1 to 128 letters, digits, '-', '_', '.' or ':'."];
        }
        var pageSize = 50;
        if (limit is not null && !(int.TryParse(limit, out pageSize) && pageSize is >= 1 and <= 100))
        {
            errors["limit"] = ["'limit' must be an integer from 1 to 100."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var page = await store.ListBySessionAsync(sessionId!, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new TaskListResponse([.. page.Items.Select(TaskResponse.From)], page.ContinuationToken));
        }
        catch (InvalidContinuationTokenException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["continuationToken"] = [exception.Message] });
        }
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CancelAsync(
        string id, ITaskStore store, CancellationToken cancellationToken)
    {
        if (await store.CancelAsync(id, cancellationToken).ConfigureAwait(false) is { } cancelled)
        {
            return TypedResults.Ok(TaskResponse.From(cancelled));
        }
        return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } task
            ? TypedResults.Problem($"Task {id} is {task.Status.ToWire()}; only a queued task can be cancelled.",
                statusCode: StatusCodes.Status409Conflict, title: "Task is no longer queued")
            : TaskNotFound(id);
    }

    private static ProblemHttpResult TaskNotFound(string id) =>
        TypedResults.Problem($"There is no task '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Task not found");

    private static ProblemHttpResult Unavailable(HttpContext context)
    {
        // Nothing was accepted: the caller retries (with the same Idempotency-Key) after a moment.
        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem("The task store is unavailable; nothing was accepted. Retry shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }
}
