using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>
/// Streams bytes into S3 under a key while checking them: magic bytes and header dimensions first,
/// SHA-256, size and the format's structure (<see cref="ImageStructure"/>) over all of it. Small images are one PUT, larger ones a multipart upload of 8 MiB
/// parts. With a declared length the bytes go on to S3 as they arrive (<see cref="StreamThroughAsync"/>);
/// without one, part by part through two buffers (<see cref="BufferPartsAsync"/>). Memory stays within
/// two parts whatever the image size, and nothing is left in S3 unless every check passed.
/// </summary>
internal sealed partial class ImageIngest(ImageObjects objects, IOptions<ImagesOptions> options, ILogger<ImageIngest> logger)
{
    /// <summary>Also the threshold for multipart; S3 wants ≥ 5 MiB parts, the emulator ≤ 11 MiB bodies.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public async Task<IngestResult> IngestAsync(Stream source, string key, long? declaredLength, IngestHooks hooks, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxBytes;
        if (declaredLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }
        try
        {
            return declaredLength switch
            {
                0 => Empty(),
                <= WholeBodyLimit => await ReceiveWholeAsync(source, key, (int)declaredLength.Value, hooks, cancellationToken).ConfigureAwait(false),
                { } length => await StreamThroughAsync(source, key, length, hooks, cancellationToken).ConfigureAwait(false),
                null => await BufferPartsAsync(source, key, maxBytes, hooks, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(maxBytes);
        }
    }

    /// <summary>
    /// The last S3 request of an image and the caller's <see cref="IngestHooks.Checked"/> side by side. A
    /// failed request fails the ingest once the hook is done too (the caller rolls its work back); a failed
    /// hook removes the stored object, so nothing is left in S3 that the caller has no record of.
    /// </summary>
    private async Task<IngestResult> FinishAsync(string key, Func<Task> lastRequest, IngestResult.Stored image, IngestHooks hooks)
    {
        var stored = lastRequest();
        // On another thread: the hook's own synchronous part (a presign, preparing the insert) would
        // otherwise hold up the request, whose SDK work (marshalling, signing) is synchronous up to the wire.
        var alongside = Task.Run(() => hooks.Checked(image));
        try
        {
            await stored.ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAny(alongside).ConfigureAwait(false);
            _ = alongside.Exception; // observed: the request's failure is the one that propagates
            throw;
        }
        try
        {
            await alongside.ConfigureAwait(false);
        }
        catch
        {
            await objects.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return image;
    }

    private static IngestResult.Stored Stored(ImageHeader header, long size, IncrementalHash sha256) =>
        new(header.ContentType, size, header.Width, header.Height, sha256.GetHashAndReset());

    private static IngestResult.Rejected TooLarge(long maxBytes) =>
        new(IngestFailure.TooLarge, $"Images may be at most {maxBytes} bytes.");

    private static IngestResult.Rejected Empty() =>
        new(IngestFailure.Empty, "The request has no image bytes.");

    private static IngestResult.Rejected Unsupported(ReadOnlySpan<byte> head, ImageStructure? structure) => ImageHeader.DetectFormat(head) is { } format
        ? new(IngestFailure.UnsupportedType, $"The bytes start like {format} but its header is damaged or truncated." +
            (structure?.Error is { } error ? $" {error}" : ""))
        : new(IngestFailure.UnsupportedType, "The bytes are not a PNG, JPEG, WebP or GIF image.");

    private static IngestResult.Rejected Incomplete(ImageStructure structure) =>
        new(IngestFailure.Incomplete, structure.Error ?? structure.Finish() ?? "The image is incomplete.");

    /// <summary>
    /// A small file can declare a huge canvas (a 400 KB PNG of 12000x12000 decodes to 432 MB): the
    /// declared dimensions are bounded before a byte is stored, with the worker's own pixel limit.
    /// </summary>
    private IngestResult.Rejected? TooManyPixels(ImageHeader header)
    {
        var limits = options.Value;
        return (long)header.Width * header.Height > limits.MaxPixels || Math.Max(header.Width, header.Height) > limits.MaxSide
            ? new(IngestFailure.DimensionsTooLarge,
                $"The image is {header.Width}x{header.Height}; images may have at most {limits.MaxPixels} pixels and {limits.MaxSide} pixels per side.")
            : null;
    }
}
