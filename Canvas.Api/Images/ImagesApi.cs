using Canvas.Api.Auth;
using Canvas.Api.Infrastructure;
using Canvas.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

public static class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sessions/{sessionId:guid}/images").WithTags("Images");

        group.MapPost("/", UploadAsync)
            .WithName("UploadImage")
            .WithDescription("The image bytes as the body (any Content-Type: the bytes decide), or multipart/form-data with one file. " +
                "413 above Images:MaxBytes; 415 not PNG/JPEG/WebP/GIF; 422 declared dimensions above Images:MaxPixels or Images:MaxSide, " +
                "or not a complete image (PNG IDAT+IEND, JPEG SOF+SOS+EOI, GIF trailer, WebP RIFF size).");

        group.MapGet("/", async Task<Results<Ok<Page<ImageResponse>>, NotFound, ValidationProblem>> (
            Guid sessionId, int? limit, string? continuationToken, CurrentUser user,
            SessionStore sessions, ImageStore images, ImageUrls urls, CancellationToken cancellationToken) =>
        {
            if (!PageRequest.TryCreate(limit, continuationToken, out var page, out var errors))
            {
                return TypedResults.ValidationProblem(errors);
            }
            if (!await sessions.ExistsAsync(user.Id, sessionId, cancellationToken))
            {
                return TypedResults.NotFound();
            }
            var found = await images.ListReadyAsync(user.Id, sessionId, page, cancellationToken);
            var items = new List<ImageResponse>(found.Items.Count);
            foreach (var image in found.Items)
            {
                items.Add(await urls.ToResponseAsync(image));
            }
            return TypedResults.Ok(new Page<ImageResponse>(items, found.ContinuationToken));
        }).WithName("ListImages");

        group.MapGet("/{imageId:guid}", async Task<Results<Ok<ImageResponse>, NotFound>> (
            Guid sessionId, Guid imageId, CurrentUser user, ImageStore images, ImageUrls urls, CancellationToken cancellationToken) =>
            await images.FindAsync(user.Id, sessionId, imageId, cancellationToken) is { IsReady: true } image
                ? TypedResults.Ok(await urls.ToResponseAsync(image))
                : TypedResults.NotFound())
            .WithName("GetImage");

        group.MapDelete("/{imageId:guid}", async Task<Results<NoContent, NotFound>> (
            Guid sessionId, Guid imageId, CurrentUser user, ImageStore images, ImageObjects objects, CancellationToken cancellationToken) =>
        {
            if (await images.FindAsync(user.Id, sessionId, imageId, cancellationToken) is not { } image)
            {
                return TypedResults.NotFound();
            }
            await objects.DeleteAsync(image.ObjectKey, cancellationToken);
            await objects.DeleteAsync(ObjectKeys.Staging(sessionId, imageId), cancellationToken);
            return await images.DeleteAsync(user.Id, sessionId, imageId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithName("DeleteImage");

        group.MapImageUploads();
        return routes;
    }

    private static async Task<Results<CreatedAtRoute<ImageResponse>, NotFound, ProblemHttpResult>> UploadAsync(
        Guid sessionId, HttpRequest request, CurrentUser user, SessionStore sessions, ImageStore images, ImageObjects objects,
        ImageIngest ingest, ImageUrls urls, UploadSlots slots, IOptions<ImagesOptions> options, IOptions<UploadOptions> uploadOptions,
        CancellationToken cancellationToken)
    {
        // Before a byte of the body is read: a slot (slow clients hold their buffers as long as they take)…
        var (slot, userFull) = slots.TryEnter(user.Id);
        if (slot is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)uploadOptions.Value.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return userFull
                ? UploadProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many uploads", $"At most {uploadOptions.Value.MaxConcurrentPerUser} uploads per user at a time.")
                : UploadProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Upload capacity reached", "The server takes no more uploads right now; retry shortly.");
        }
        using var held = slot;
        // …and a foreign session costs the caller nothing but a 404. The owner check runs while the body
        // arrives: nothing is stored before it has said yes, and every answer waits for it, so 404 comes first.
        var owned = sessions.ExistsAsync(user.Id, sessionId, cancellationToken);
        try
        {
            return await ReceiveAsync(sessionId, request, user, owned, images, ingest, objects, urls, options.Value, uploadOptions.Value, cancellationToken);
        }
        finally
        {
            await Task.WhenAny(owned);
            _ = owned.Exception; // observed: when it failed, the answer above already said so
        }
    }

    private static async Task<Results<CreatedAtRoute<ImageResponse>, NotFound, ProblemHttpResult>> ReceiveAsync(
        Guid sessionId, HttpRequest request, CurrentUser user, Task<bool> owned, ImageStore images, ImageIngest ingest, ImageObjects objects,
        ImageUrls urls, ImagesOptions options, UploadOptions uploadOptions, CancellationToken cancellationToken)
    {
        var timing = ServerTiming.Start(request.HttpContext.Response);
        var (body, problem) = await UploadBody.OpenAsync(request, options.MaxBytes, uploadOptions, cancellationToken);
        if (body is null)
        {
            return await owned ? problem! : TypedResults.NotFound();
        }

        var imageId = Guid.CreateVersion7();
        var key = ObjectKeys.Image(sessionId, imageId);
        // The row's insert and the image's URL are made while the object is on its way to S3; only the commit follows it.
        await using var row = images.StartReadyRow(user.Id, sessionId, imageId, key, body.FileName);
        Task<ObjectUrl>? url = null;
        var hooks = new IngestHooks(owned, image =>
        {
            url = urls.ForKeyAsync(key);
            return row.InsertAsync(image, cancellationToken);
        });
        IngestResult result;
        try
        {
            result = await ingest.IngestAsync(body.Content, key, body.DeclaredLength, hooks, cancellationToken);
        }
        catch (UploadInterruptedException)
        {
            return await owned ? UploadProblems.Interrupted() : TypedResults.NotFound();
        }
        catch (MalformedUploadException exception)
        {
            return await owned ? UploadProblems.BadForm(exception.Message) : TypedResults.NotFound();
        }
        if (!await owned)
        {
            return TypedResults.NotFound();
        }
        if (result is IngestResult.Rejected rejected)
        {
            return UploadProblems.From(rejected);
        }
        timing.Mark("store");

        ImageRecord? record;
        try
        {
            record = await row.CommitAsync(cancellationToken);
        }
        catch
        {
            await objects.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        if (record is null)
        {
            // The session was deleted while its image was uploading: the object must not outlive it.
            await objects.DeleteAsync(key, CancellationToken.None);
            return TypedResults.NotFound();
        }
        timing.Mark("commit");
        return TypedResults.CreatedAtRoute(ImageUrls.ToResponse(record, await url!), "GetImage", new { sessionId, imageId });
    }
}
