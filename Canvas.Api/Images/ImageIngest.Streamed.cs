using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace Canvas.Api.Images;

internal sealed partial class ImageIngest
{
    /// <summary>
    /// A body of known length: once its header has been checked, each S3 request (the PUT, or each
    /// part) reads its bytes straight from the client as they arrive, so receiving and sending overlap
    /// from the first part on and only the header is ever held in memory.
    /// </summary>
    private async Task<IngestResult> StreamThroughAsync(Stream source, string key, long length, IngestHooks hooks, CancellationToken cancellationToken)
    {
        var headLimit = (int)Math.Min(PartSize, length);
        var (headBuffer, count, structure) = await PartReader.ReadHeaderAsync(source, headLimit, cancellationToken).ConfigureAwait(false);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        MultipartUpload? multipart = null;
        var completed = false;
        try
        {
            if (structure?.Header is not { } header)
            {
                return count == 0 ? Empty() : Unsupported(headBuffer.AsSpan(0, count), structure);
            }
            if (TooManyPixels(header) is { } refused)
            {
                return refused;
            }
            var head = headBuffer.AsMemory(0, count);
            if (!await hooks.MayStore.ConfigureAwait(false))
            {
                return new IngestResult.Withheld();
            }

            if (length <= PartSize)
            {
                var body = new SourceSlice(source, head, length, sha256, structure, checkAtEnd: true);
                if (!await SendAsync(body, () => objects.Client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = objects.BucketName,
                    Key = key,
                    InputStream = body,
                    ContentType = header.ContentType,
                    Headers = { ContentLength = length },
                }, cancellationToken)).ConfigureAwait(false))
                {
                    return Incomplete(structure);
                }
                // Its hash is known only once the PUT has read the last byte: the hook follows the request.
                return await FinishAsync(key, () => Task.CompletedTask, Stored(header, length, sha256), hooks).ConfigureAwait(false);
            }

            multipart = await MultipartUpload.StartAsync(objects.Client, objects.BucketName, key, header.ContentType, logger, cancellationToken).ConfigureAwait(false);
            for (long offset = 0; offset < length; offset += PartSize)
            {
                var partLength = Math.Min(PartSize, length - offset);
                var part = new SourceSlice(source, offset == 0 ? head : ReadOnlyMemory<byte>.Empty, partLength, sha256, structure);
                await SendAsync(part, () => multipart.UploadPartAsync(part, partLength, cancellationToken)).ConfigureAwait(false);
                if (structure.Error is not null)
                {
                    return Incomplete(structure); // no need to take the rest: it cannot become an image
                }
            }
            if (structure.Finish() is not null)
            {
                return Incomplete(structure);
            }
            return await FinishAsync(key, async () =>
            {
                await multipart.CompleteAsync(cancellationToken).ConfigureAwait(false);
                completed = true;
            }, Stored(header, length, sha256), hooks).ConfigureAwait(false);
        }
        finally
        {
            if (multipart is not null && !completed)
            {
                await multipart.AbortAsync().ConfigureAwait(false);
            }
            ArrayPool<byte>.Shared.Return(headBuffer);
        }
    }

    /// <summary>
    /// Runs an S3 request that reads <paramref name="body"/>; false when the body refused its own last
    /// byte (not a complete image, nothing stored); a failure caused by the client's side is reported as such.
    /// </summary>
    private static async Task<bool> SendAsync(SourceSlice body, Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (body.StructureRefused)
        {
            return false;
        }
        catch (Exception exception) when (body.SourceFailure is not null)
        {
            throw new UploadInterruptedException("The upload ended before its last byte arrived.", body.SourceFailure ?? exception);
        }
        catch (NotSupportedException exception) when (body.RewindAttempted)
        {
            // S3 failed mid-request and the SDK wanted to retry with bytes already gone: S3's failure, a 503.
            throw new AmazonS3Exception("S3 failed while an upload was streaming through.", exception);
        }
    }
}
