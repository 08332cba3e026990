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

        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(PartSize), ArrayPool<byte>.Shared.Rent(PartSize)];
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        MultipartUpload? multipart = null;
        Task? pendingPart = null;
        var completed = false;
        try
        {
            var (count, ended) = await FillAsync(source, buffers[0], Allowance(maxBytes, 0), cancellationToken).ConfigureAwait(false);
            long total = count;
            if (total == 0)
            {
                return declaredLength > 0 ? Truncated() : new IngestResult.Rejected(IngestFailure.Empty, "The request has no image bytes.");
            }
            if (total > maxBytes)
            {
                return TooLarge(maxBytes);
            }
            if (ImageHeader.TryRead(buffers[0].AsSpan(0, count)) is not { } header)
            {
                return Unsupported(buffers[0].AsSpan(0, count));
            }
            sha256.AppendData(buffers[0], 0, count);

            if (ended)
            {
                if (declaredLength is { } expected && expected != total)
                {
                    return Truncated();
                }
                await PutAsync(key, buffers[0], count, header.ContentType, cancellationToken).ConfigureAwait(false);
                return Stored(header, total, sha256);
            }

            multipart = await MultipartUpload.StartAsync(objects.Client, objects.BucketName, key, header.ContentType, logger, cancellationToken).ConfigureAwait(false);
            pendingPart = multipart.UploadPartAsync(buffers[0], count, cancellationToken);
            for (var current = 1; !ended; current ^= 1)
            {
                // Reading into one buffer while the other one is on its way to S3.
                (count, ended) = await FillAsync(source, buffers[current], Allowance(maxBytes, total), cancellationToken).ConfigureAwait(false);
                total += count;
                if (total > maxBytes)
                {
                    return TooLarge(maxBytes);
                }
                sha256.AppendData(buffers[current], 0, count);
                await (pendingPart ?? Task.CompletedTask).ConfigureAwait(false);
                pendingPart = count > 0 ? multipart.UploadPartAsync(buffers[current], count, cancellationToken) : null;
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
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    /// <summary>
    /// Reads no more than one byte past the limit: an oversized body is caught at once, before the
    /// server's own (larger) request body limit breaks the connection instead of answering 413.
    /// </summary>
    private static int Allowance(long maxBytes, long total) => (int)Math.Min(PartSize, maxBytes + 1 - total);

    /// <summary>Reads until the buffer holds <paramref name="limit"/> bytes or the source ends.</summary>
    private static async Task<(int Count, bool Ended)> FillAsync(Stream source, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            while (count < limit)
            {
                var read = await source.ReadAsync(buffer.AsMemory(count, limit - count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (count, true);
                }
                count += read;
            }
            return (count, false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UploadTooLargeException(exception);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            throw new UploadInterruptedException("The upload ended before its last byte arrived.", exception);
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
