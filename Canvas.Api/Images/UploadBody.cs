using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Canvas.Api.Images;

/// <summary>
/// The image bytes of an upload request as a stream: the raw body, or the first file of a
/// multipart/form-data body, read section by section so that neither is ever buffered whole.
/// </summary>
internal sealed record UploadBody(Stream Content, long? DeclaredLength, string? FileName)
{
    /// <summary>Room for a form's boundaries and part headers around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    /// <summary>
    /// How far past the limit the server still reads (and discards) a body after answering 413. An
    /// HTTP/1.1 client still sending when the connection closes gets a reset instead of the answer, so
    /// a moderately oversized upload is drained to deliver a clear 413; beyond this the connection is cut.
    /// </summary>
    private const long DrainAllowance = 16 * 1024 * 1024;

    public static async Task<(UploadBody? Body, ProblemHttpResult? Problem)> OpenAsync(HttpRequest request, long maxBytes, UploadOptions uploads, CancellationToken cancellationToken)
    {
        // Kestrel's default 30 MB cap would cut uploads short with a less useful error than ours.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + FormOverhead + DrainAllowance;
        }
        // An upload holds a slot and its buffers while it lasts: a client trickling bytes is cut off
        // (Kestrel's default floor, 240 B/s, would let one 8 MiB part take ten hours).
        if (request.HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = new MinDataRate(uploads.MinBytesPerSecond, uploads.MinRateGracePeriod);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            // Whatever Content-Type says, the bytes decide the type.
            return request.ContentLength > maxBytes
                ? (null, UploadProblems.TooLarge(maxBytes))
                : (new UploadBody(request.Body, request.ContentLength, null), null);
        }

        if (request.ContentLength > maxBytes + FormOverhead)
        {
            return (null, UploadProblems.TooLarge(maxBytes));
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return (null, UploadProblems.BadForm("The multipart/form-data body has no valid boundary."));
        }
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) &&
                    disposition.IsFileDisposition())
                {
                    var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
                    return (new UploadBody(new FormFileStream(section.Body), null, FileNames.Sanitize(HeaderUtilities.RemoveQuotes(fileName).Value)), null);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            return (null, UploadProblems.BadForm("The multipart/form-data body is malformed or incomplete."));
        }
        return (null, UploadProblems.BadForm("The form has no file part."));
    }
}
