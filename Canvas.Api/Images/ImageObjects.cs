using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>The images bucket: the few S3 operations the feature needs, with the bucket name bound in.</summary>
internal sealed class ImageObjects(IAmazonS3 s3, IOptions<ImagesOptions> options)
{
    private const int DeleteBatchSize = 1000;

    public string BucketName { get; } = options.Value.BucketName!;

    public IAmazonS3 Client => s3;

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(BucketName, key, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>, a page of 1000 at a time.</summary>
    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        // A prefix that is not a whole "folder" could reach into a neighbour (sessions/1 vs sessions/12).
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException("A prefix to delete must end with '/'.", nameof(prefix));
        }
        var deleted = 0;
        string? continuationToken = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = BucketName,
                Prefix = prefix,
                MaxKeys = DeleteBatchSize,
                ContinuationToken = continuationToken,
            }, cancellationToken).ConfigureAwait(false);
            var keys = (page.S3Objects ?? []).Select(item => new KeyVersion { Key = item.Key }).ToList();
            if (keys.Count > 0)
            {
                var result = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = BucketName,
                    Objects = keys,
                    Quiet = true,
                }, cancellationToken).ConfigureAwait(false);
                if (result.DeleteErrors is { Count: > 0 } errors)
                {
                    throw new AmazonS3Exception($"S3 refused to delete {errors.Count} object(s) under {prefix}, e.g. {errors[0].Key}: {errors[0].Code}.");
                }
                deleted += keys.Count;
            }
            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuationToken is not null);
        return deleted;
    }

    /// <summary>Size of an object, or null when there is none.</summary>
    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(BucketName, key, cancellationToken).ConfigureAwait(false);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<GetObjectResponse> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        await s3.GetObjectAsync(BucketName, key, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A presigned URL. With <paramref name="contentLength"/> the length is one of the signed headers:
    /// S3 refuses a PUT of any other length (SignatureDoesNotMatch), so a URL cannot carry more than was asked for.
    /// </summary>
    public async Task<string> PresignAsync(string key, HttpVerb verb, DateTime expiresUtc, long? contentLength = null)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = BucketName,
            Key = key,
            Verb = verb,
            Expires = expiresUtc,
            // The SDK signs https URLs unless told otherwise; emulators listen on plain http.
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        if (contentLength is { } length)
        {
            request.Headers.ContentLength = length;
        }
        return await s3.GetPreSignedURLAsync(request).ConfigureAwait(false);
    }
}
