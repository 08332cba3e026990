using System.Text.Json;
using Canvas.Api.Auth;
using Canvas.Api.Images;
using Canvas.Api.Infrastructure;
using Canvas.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Canvas.Api.Tasks;

public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        // Each of these costs an orchestrator request: a user has a bucket of their own for them.
        var group = routes.MapGroup("/sessions/{sessionId:guid}").WithTags("Tasks").RequireRateLimiting(RateLimits.TasksPolicy);
        group.MapPost("/images/{imageId:guid}/tasks", SubmitAsync).WithName("SubmitTask");
        group.MapGet("/tasks", ListAsync).WithName("ListTasks");

        group.MapGet("/tasks/{taskId}", async Task<Results<Ok<TaskResponse>, NotFound>> (
            Guid sessionId, string taskId, CurrentUser user, TaskStore tasks, OrchestratorClient orchestrator, TaskViews views,
            CancellationToken cancellationToken) =>
            await tasks.FindAsync(user.Id, sessionId, taskId, cancellationToken) is { } record
                ? TypedResults.Ok(await views.ToResponseAsync(record, await orchestrator.GetAsync(record.Id, cancellationToken)))
                : TypedResults.NotFound())
            .WithName("GetTask");
        return routes;
    }

    private static async Task<Results<AcceptedAtRoute<TaskResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        Guid sessionId, Guid imageId, SubmitTaskRequest request, [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey,
        CurrentUser user, ImageStore images, TaskStore tasks, OrchestratorClient orchestrator, TaskViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Type is null || !TaskTypes.All.Contains(request.Type))
        {
            errors["type"] = [$"type must be one of: {string.Join(", ", TaskTypes.All)}."];
        }
        if (request.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            errors["parameters"] = ["parameters must be an object."];
        }
        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
        {
            errors[IdempotencyKeys.HeaderName] = ["Idempotency-Key must be 1 to 128 printable ASCII characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await images.FindAsync(user.Id, sessionId, imageId, cancellationToken) is not { IsReady: true } image)
        {
            return TypedResults.NotFound();
        }

        var submission = new OrchestratorSubmit(request.Type!, sessionId.ToString("D"), new OrchestratorInput(image.ObjectKey),
            ObjectKeys.Results(sessionId), request.Parameters is { ValueKind: JsonValueKind.Object } parameters ? parameters : null);
        var (task, rejection) = await orchestrator.SubmitAsync(submission, IdempotencyKeys.ForOrchestrator(user.Id, idempotencyKey), cancellationToken);
        if (rejection is not null)
        {
            return rejection is { StatusCode: StatusCodes.Status400BadRequest, Errors.Count: > 0 }
                ? TypedResults.ValidationProblem(rejection.Errors, rejection.Detail, title: rejection.Title)
                : TypedResults.Problem(rejection.Detail, statusCode: rejection.StatusCode, title: rejection.Title ?? "The task was refused");
        }

        if (await tasks.RecordAsync(user.Id, sessionId, imageId, task!.Id, task.Type, cancellationToken) is not { } record)
        {
            // Only if the image vanished between the check and the insert.
            return TypedResults.NotFound();
        }
        return TypedResults.AcceptedAtRoute(await views.ToResponseAsync(record, task), "GetTask", new { sessionId, taskId = task.Id });
    }

    private static async Task<Results<Ok<Page<TaskResponse>>, NotFound, ValidationProblem>> ListAsync(
        Guid sessionId, int? limit, string? continuationToken, CurrentUser user, SessionStore sessions, TaskStore tasks,
        OrchestratorClient orchestrator, TaskViews views, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(limit, continuationToken, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!await sessions.ExistsAsync(user.Id, sessionId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var records = await tasks.ListAsync(user.Id, sessionId, page, cancellationToken);
        // One batched read for the whole page (≤ 100 ids), whatever its age: a listing is one orchestrator call.
        var current = records.Items.Count == 0
            ? new Dictionary<string, OrchestratorTask>(StringComparer.Ordinal)
            : (await orchestrator.GetManyAsync([.. records.Items.Select(record => record.Id)], cancellationToken))
                .DistinctBy(task => task.Id, StringComparer.Ordinal).ToDictionary(task => task.Id, StringComparer.Ordinal);
        var items = new List<TaskResponse>(records.Items.Count);
        foreach (var record in records.Items)
        {
            items.Add(await views.ToResponseAsync(record, current.GetValueOrDefault(record.Id)));
        }
        return TypedResults.Ok(new Page<TaskResponse>(items, records.ContinuationToken));
    }
}
