using Amazon.Runtime;
using Amazon.S3;
using Canvas.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>
/// Direct uploads for large files: the client PUTs to a presigned URL (a staging key), then confirms.
/// Confirmation streams the staged object through the same checks as an upload into the image's own
/// key, so the served object is exactly the bytes that were checked, whatever is PUT later.
/// </summary>
internal static class ImageUploadsApi
{
    /// <summary>Maps onto the images group of <see cref="ImagesApi"/>.</summary>
    public static RouteGroupBuilder MapImageUploads(this RouteGroupBuilder group)
    {

        group.MapPost("/uploads", async Task<Results<Ok<UploadUrlResponse>, NotFound, ProblemHttpResult>> (
            Guid sessionId, UploadUrlRequest request, CurrentUser user, ImageStore images, ImageObjects objects,
            IOptions<ImagesOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var maxBytes = options.Value.MaxBytes;
            // The URL is signed for exactly this many bytes: without a size it would carry anything up to 5 GB.
            if (request.Size is not { } size || size < 1)
            {
                return UploadProblems.Problem(StatusCodes.Status400BadRequest, "Invalid size",
                    "size is required: the exact number of bytes that will be PUT, at least 1.");
            }
            if (size > maxBytes)
            {
                return UploadProblems.TooLarge(maxBytes);
            }
            var imageId = Guid.CreateVersion7();
            var expiresAt = clock.GetUtcNow() + options.Value.UploadUrlLifetime;
            var record = await images.InsertPendingAsync(user.Id, sessionId, imageId, ObjectKeys.Image(sessionId, imageId),
                FileNames.Sanitize(request.FileName), size, expiresAt, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }
            var url = await objects.PresignAsync(ObjectKeys.Staging(sessionId, imageId), HttpVerb.PUT, expiresAt.UtcDateTime, size);
            return TypedResults.Ok(new UploadUrlResponse(imageId, new Uri(url), "PUT", expiresAt, maxBytes, size));
        }).WithName("CreateImageUploadUrl");

        group.MapPost("/{imageId:guid}/confirm", ConfirmAsync).WithName("ConfirmImageUpload");
        return group;
    }

    private static async Task<Results<Ok<ImageResponse>, NotFound, ProblemHttpResult>> ConfirmAsync(
        Guid sessionId, Guid imageId, CurrentUser user, ImageStore images, ImageObjects objects, ImageIngest ingest,
        ImageUrls urls, IOptions<ImagesOptions> options, CancellationToken cancellationToken)
    {
        var pending = await images.FindAsync(user.Id, sessionId, imageId, cancellationToken);
        switch (pending)
        {
            case null:
                return TypedResults.NotFound();
            case { IsReady: true } ready:
                return TypedResults.Ok(await urls.ToResponseAsync(ready)); // confirming twice is harmless
        }

        var staging = ObjectKeys.Staging(sessionId, imageId);
        var size = await objects.GetSizeAsync(staging, cancellationToken);
        if (size is null)
        {
            return UploadProblems.Problem(StatusCodes.Status409Conflict, "Nothing uploaded", "Nothing was PUT to the upload URL yet.");
        }
        if (size > options.Value.MaxBytes)
        {
            await objects.DeleteAsync(staging, cancellationToken);
            return UploadProblems.TooLarge(options.Value.MaxBytes);
        }
        // S3 enforces the signed length; this holds where it cannot (an emulator, a URL signed before sizes were).
        if (pending.DeclaredSize is { } declared && size != declared)
        {
            await objects.DeleteAsync(staging, cancellationToken);
            return UploadProblems.Problem(StatusCodes.Status400BadRequest, "Upload size mismatch",
                $"The upload URL was issued for {declared} bytes; {size} were PUT.");
        }

        var key = ObjectKeys.Image(sessionId, imageId);
        IngestResult result;
        using (var staged = await objects.OpenReadAsync(staging, cancellationToken))
        {
            try
            {
                result = await ingest.IngestAsync(staged.ResponseStream, key, staged.ContentLength, IngestHooks.None, cancellationToken);
            }
            catch (UploadInterruptedException exception)
            {
                throw new AmazonS3Exception("Reading the staged upload from S3 failed.", exception.InnerException);
            }
        }
        if (result is IngestResult.Rejected rejected)
        {
            // A bad staged copy must not stay; the pending row does, so that a good PUT can follow.
            await objects.DeleteAsync(staging, cancellationToken);
            return UploadProblems.From(rejected);
        }

        // Copy, mark ready, and only then delete the staged copy: if the row cannot be written, a retry
        // still finds the staged bytes and checks and copies them again (same key, same bytes).
        if (await images.MarkReadyAsync(user.Id, sessionId, imageId, (IngestResult.Stored)result, cancellationToken) is { } record)
        {
            await DeleteStagedAsync(objects, staging);
            return TypedResults.Ok(await urls.ToResponseAsync(record));
        }
        // Another confirm got there first (same bytes, same key), or the image was deleted meanwhile.
        if (await images.FindAsync(user.Id, sessionId, imageId, cancellationToken) is { IsReady: true } confirmed)
        {
            await DeleteStagedAsync(objects, staging);
            return TypedResults.Ok(await urls.ToResponseAsync(confirmed));
        }
        await objects.DeleteAsync(key, CancellationToken.None);
        await objects.DeleteAsync(staging, CancellationToken.None);
        return TypedResults.NotFound();
    }

    /// <summary>
    /// The image is stored and recorded by now: the staged copy is only litter, and a failure to delete
    /// it must not fail the confirmation (the bucket's lifecycle rule on the staging prefix removes it).
    /// </summary>
    private static async Task DeleteStagedAsync(ImageObjects objects, string staging)
    {
        try
        {
            await objects.DeleteAsync(staging, CancellationToken.None);
        }
        catch (Exception exception) when (exception is AmazonS3Exception or AmazonClientException or HttpRequestException or IOException)
        {
        }
    }
}
