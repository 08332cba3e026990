using Amazon.S3;
using Amazon.S3.Model;

namespace Backend.Hosting.Aws;

/// <summary>Creates S3 buckets.</summary>
public static class S3Buckets
{
    /// <summary>Creates the bucket; one this account already owns is fine.</summary>
    public static async Task EnsureBucketAsync(this IAmazonS3 s3, string bucketName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucketName }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Idempotent: it exists already and is ours.
        }
    }
}
