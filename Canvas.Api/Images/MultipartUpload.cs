using Amazon.S3;
using Amazon.S3.Model;

namespace Canvas.Api.Images;

/// <summary>
/// One S3 multipart upload, parts numbered in the order they are sent. An upload that is not
/// completed must be aborted: S3 keeps (and bills) orphaned parts until then.
/// </summary>
internal sealed partial class MultipartUpload
{
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _key;
    private readonly string _uploadId;
    private readonly ILogger _logger;
    private readonly List<PartETag> _parts = [];
    private int _nextPartNumber = 1;

    private MultipartUpload(IAmazonS3 s3, string bucket, string key, string uploadId, ILogger logger)
    {
        (_s3, _bucket, _key, _uploadId, _logger) = (s3, bucket, key, uploadId, logger);
    }

    public string UploadId => _uploadId;

    public static async Task<MultipartUpload> StartAsync(IAmazonS3 s3, string bucket, string key, string contentType, ILogger logger, CancellationToken cancellationToken)
    {
        var response = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
        }, cancellationToken).ConfigureAwait(false);
        return new MultipartUpload(s3, bucket, key, response.UploadId, logger);
    }

    /// <summary>Sends the next part; the caller must not touch <paramref name="buffer"/> until the task ends.</summary>
    public async Task UploadPartAsync(byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var partNumber = _nextPartNumber++;
        using var content = new MemoryStream(buffer, 0, count, writable: false);
        var response = await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket,
            Key = _key,
            UploadId = _uploadId,
            PartNumber = partNumber,
            InputStream = content,
        }, cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(partNumber, response.ETag));
    }

    /// <summary>Sends the next part, read from <paramref name="content"/> as S3 takes it.</summary>
    public async Task UploadPartAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        var partNumber = _nextPartNumber++;
        var response = await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket,
            Key = _key,
            UploadId = _uploadId,
            PartNumber = partNumber,
            InputStream = content,
            PartSize = length,
        }, cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(partNumber, response.ETag));
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) =>
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket,
            Key = _key,
            UploadId = _uploadId,
            PartETags = [.. _parts.OrderBy(part => part.PartNumber)],
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Aborts even when the request that started it was cancelled; a failure is logged, not thrown.</summary>
    public async Task AbortAsync()
    {
        try
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = _key,
                UploadId = _uploadId,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonS3Exception or HttpRequestException or IOException)
        {
            // A bucket lifecycle rule (AbortIncompleteMultipartUpload) is the backstop for this case.
            LogAbortFailed(_logger, exception, _key, _uploadId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not abort multipart upload {UploadId} of {Key}")]
    private static partial void LogAbortFailed(ILogger logger, Exception exception, string key, string uploadId);
}
