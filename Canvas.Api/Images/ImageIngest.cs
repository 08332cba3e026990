using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>
/// Streams bytes into S3 under a key while checking them: magic bytes and header dimensions from the
/// first part, SHA-256 and size over all of it. Small images are one PUT; larger ones a multipart
/// upload of 8 MiB parts, reading the next part while the previous one uploads, so memory stays at
/// two parts whatever the image size. Nothing is left in S3 unless every check passed.
/// </summary>
internal sealed class ImageIngest(ImageObjects objects, IOptions<ImagesOptions> options, ILogger<ImageIngest> logger)
{
    /// <summary>Also the threshold for multipart; S3 wants ≥ 5 MiB parts, the emulator ≤ 11 MiB bodies.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public async Task<IngestResult> IngestAsync(Stream source, string key, long? declaredLength, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxBytes;
        if (declaredLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // The second buffer only once the image needs more than one part.
        byte[]?[] buffers = [ArrayPool<byte>.Shared.Rent(PartSize), null];
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        MultipartUpload? multipart = null;
        Task? pendingPart = null;
        var completed = false;
        try
        {
            var first = buffers[0]!;
            var (count, ended) = await PartReader.FillAsync(source, first, PartReader.Allowance(PartSize, maxBytes, 0), cancellationToken).ConfigureAwait(false);
            long total = count;
            if (total == 0)
            {
                return declaredLength > 0 ? Truncated() : new IngestResult.Rejected(IngestFailure.Empty, "The request has no image bytes.");
            }
            if (total > maxBytes)
            {
                return TooLarge(maxBytes);
            }
            if (ImageHeader.TryRead(first.AsSpan(0, count)) is not { } header)
            {
                return Unsupported(first.AsSpan(0, count));
            }
            sha256.AppendData(first, 0, count);

            if (ended)
            {
                if (declaredLength is { } expected && expected != total)
                {
                    return Truncated();
                }
                await PutAsync(key, first, count, header.ContentType, cancellationToken).ConfigureAwait(false);
                return Stored(header, total, sha256);
            }

            multipart = await MultipartUpload.StartAsync(objects.Client, objects.BucketName, key, header.ContentType, logger, cancellationToken).ConfigureAwait(false);
            pendingPart = multipart.UploadPartAsync(first, count, cancellationToken);
            for (var current = 1; !ended; current ^= 1)
            {
                // Reading into one buffer while the other one is on its way to S3.
                var buffer = buffers[current] ??= ArrayPool<byte>.Shared.Rent(PartSize);
                (count, ended) = await PartReader.FillAsync(source, buffer, PartReader.Allowance(PartSize, maxBytes, total), cancellationToken).ConfigureAwait(false);
                total += count;
                if (total > maxBytes)
                {
                    return TooLarge(maxBytes);
                }
                sha256.AppendData(buffer, 0, count);
                await (pendingPart ?? Task.CompletedTask).ConfigureAwait(false);
                pendingPart = count > 0 ? multipart.UploadPartAsync(buffer, count, cancellationToken) : null;
            }
            if (pendingPart is not null)
            {
                await pendingPart.ConfigureAwait(false);
            }
            if (declaredLength is { } declared && declared != total)
            {
                return Truncated();
            }
            await multipart.CompleteAsync(cancellationToken).ConfigureAwait(false);
            completed = true;
            return Stored(header, total, sha256);
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(maxBytes);
        }
        finally
        {
            // A part still in flight reads from a pooled buffer: it must end before the buffer goes back.
            if (pendingPart is not null)
            {
                await Task.WhenAny(pendingPart).ConfigureAwait(false);
                _ = pendingPart.Exception; // observed: the exception that matters is already propagating
            }
            if (multipart is not null && !completed)
            {
                await multipart.AbortAsync().ConfigureAwait(false);
            }
            foreach (var buffer in buffers)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    private async Task PutAsync(string key, byte[] buffer, int count, string contentType, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(buffer, 0, count, writable: false);
        await objects.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = objects.BucketName,
            Key = key,
            InputStream = content,
            ContentType = contentType,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static IngestResult.Stored Stored(ImageHeader header, long size, IncrementalHash sha256) =>
        new(header.ContentType, size, header.Width, header.Height, sha256.GetHashAndReset());

    private static IngestResult.Rejected TooLarge(long maxBytes) =>
        new(IngestFailure.TooLarge, $"Images may be at most {maxBytes} bytes.");

    private static IngestResult.Rejected Truncated() =>
        new(IngestFailure.Truncated, "The body ended before the length it declared.");

    private static IngestResult.Rejected Unsupported(ReadOnlySpan<byte> head) => ImageHeader.DetectFormat(head) is { } format
        ? new(IngestFailure.UnsupportedType, $"The bytes start like {format} but its header is damaged or truncated.")
        : new(IngestFailure.UnsupportedType, "The bytes are not a PNG, JPEG, WebP or GIF image.");
}
