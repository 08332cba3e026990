using Canvas.Api.Auth;
using Canvas.Api.Images;
using Canvas.Api.Infrastructure;
using Canvas.Api.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Canvas.Api.Sessions;

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sessions").WithTags("Sessions");

        group.MapPost("/", async Task<Results<CreatedAtRoute<Session>, ValidationProblem>> (
            CreateSessionRequest request, CurrentUser user, SessionStore sessions, CancellationToken cancellationToken) =>
        {
            if (!SessionTitle.TryNormalize(request.Title, out var title, out var errors))
            {
                return TypedResults.ValidationProblem(errors);
            }
            var session = await sessions.CreateAsync(user.Id, title, cancellationToken);
            return TypedResults.CreatedAtRoute(session, "GetSession", new { sessionId = session.Id });
        }).WithName("CreateSession");

        group.MapGet("/", async Task<Results<Ok<Page<Session>>, ValidationProblem>> (
            int? limit, string? continuationToken, CurrentUser user, SessionStore sessions, CancellationToken cancellationToken) =>
            PageRequest.TryCreate(limit, continuationToken, out var page, out var errors)
                ? TypedResults.Ok(await sessions.ListAsync(user.Id, page, cancellationToken))
                : TypedResults.ValidationProblem(errors))
            .WithName("ListSessions");

        group.MapGet("/{sessionId:guid}", async Task<Results<Ok<Session>, NotFound>> (
            Guid sessionId, CurrentUser user, SessionStore sessions, CancellationToken cancellationToken) =>
            await sessions.FindAsync(user.Id, sessionId, cancellationToken) is { } session
                ? TypedResults.Ok(session)
                : TypedResults.NotFound())
            .WithName("GetSession");

        group.MapPatch("/{sessionId:guid}", async Task<Results<Ok<Session>, NotFound, ValidationProblem>> (
            Guid sessionId, RenameSessionRequest request, CurrentUser user, SessionStore sessions, CancellationToken cancellationToken) =>
        {
            if (!SessionTitle.TryNormalize(request.Title, out var title, out var errors))
            {
                return TypedResults.ValidationProblem(errors);
            }
            return await sessions.RenameAsync(user.Id, sessionId, title, cancellationToken) is { } session
                ? TypedResults.Ok(session)
                : TypedResults.NotFound();
        }).WithName("RenameSession");

        group.MapDelete("/{sessionId:guid}", async Task<Results<NoContent, NotFound>> (
            Guid sessionId, CurrentUser user, SessionStore sessions, ImageObjects objects, SessionTaskCancellation taskCancellation,
            CancellationToken cancellationToken) =>
        {
            if (!await sessions.ExistsAsync(user.Id, sessionId, cancellationToken))
            {
                return TypedResults.NotFound();
            }
            // Work not yet started first (the orchestrator down is a 503, nothing deleted, retry).
            await taskCancellation.CancelQueuedAsync(user.Id, sessionId, cancellationToken);
            // Objects first: if S3 fails half way the rows still say what to clean, and a retry finishes it.
            await objects.DeletePrefixAsync(ObjectKeys.SessionPrefix(sessionId), cancellationToken);
            await objects.DeletePrefixAsync(ObjectKeys.StagingPrefix(sessionId), cancellationToken);
            return await sessions.DeleteAsync(user.Id, sessionId, cancellationToken)
                ? TypedResults.NoContent()
                : TypedResults.NotFound();
        }).WithName("DeleteSession");

        return routes;
    }
}
