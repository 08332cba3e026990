using System.ComponentModel.DataAnnotations;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Backend.TaskProcessing.Consumer;
using Microsoft.Extensions.Options;

namespace Backend.TaskProcessing.Images;

public sealed class ImageStorageOptions
{
    public const string SectionName = "ImageStorage";

    /// <summary>The images bucket; from <c>AWS__Resources__images__BucketName</c> when not set.</summary>
    [Required]
    public string BucketName { get; set; } = "";

    /// <summary>Inputs larger than this are refused rather than read into memory.</summary>
    [Range(1, long.MaxValue)]
    public long MaxInputBytes { get; set; } = 64 * 1024 * 1024;
}

/// <summary>Reads task inputs from and writes results to the images bucket.</summary>
public sealed class ImageStorage(IAmazonS3 s3, IOptions<ImageStorageOptions> options)
{
    // Above this, multipart upload: S3 emulators (and slow links) do badly with big single PUTs.
    private const long MultipartThreshold = 5 * 1024 * 1024;
    private readonly ImageStorageOptions _options = options.Value;

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(_options.BucketName, key, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > _options.MaxInputBytes)
            {
                throw new PermanentTaskException($"input object '{key}' is {response.ContentLength} bytes, above the limit of {_options.MaxInputBytes}");
            }
            using var buffer = new MemoryStream((int)Math.Max(response.ContentLength, 0));
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound || exception.ErrorCode is "NoSuchKey" or "NoSuchBucket")
        {
            throw new PermanentTaskException($"input object '{key}' does not exist", exception);
        }
    }

    public async Task WriteAsync(string key, EncodedImage image, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(image.Bytes, writable: false);
        if (image.Bytes.Length <= MultipartThreshold)
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _options.BucketName,
                Key = key,
                InputStream = stream,
                ContentType = image.Format.ContentType,
            }, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var transfer = new TransferUtility(s3);
        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = _options.BucketName,
            Key = key,
            InputStream = stream,
            ContentType = image.Format.ContentType,
            PartSize = MultipartThreshold,
        }, cancellationToken).ConfigureAwait(false);
    }
}
