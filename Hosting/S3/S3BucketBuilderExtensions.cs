using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.S3;
using Backend.Hosting.Sqs;

namespace Aspire.Hosting;

/// <summary>Adds S3 buckets to the application.</summary>
public static class S3BucketBuilderExtensions
{
    /// <summary>Adds a bucket, created in fauxqs once it is healthy and published as a CloudFormation template.</summary>
    /// <param name="emulator">The local stand-in (fauxqs serves S3 as well as SQS).</param>
    /// <param name="name">The resource name.</param>
    /// <param name="bucketName">The bucket's name, which services' configuration keys use; the resource name when null.</param>
    public static IResourceBuilder<S3BucketResource> AddBucket(this IResourceBuilder<FauxqsResource> emulator, [ResourceName] string name, string? bucketName = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var bucket = new S3BucketResource(name, bucketName ?? name, emulator.Resource);
        return emulator.AddToStandIn(bucket, "S3 bucket", "Folder", (services, cancellationToken) => AwsProvisioning.ProvisionAsync(bucket, services, async ct =>
        {
            var endpoint = new Uri((await bucket.Parent.Endpoint.GetValueAsync(ct).ConfigureAwait(false))!);
            using var s3 = AwsEmulatorClients.CreateS3Client(endpoint);
            await s3.EnsureBucketAsync(bucket.PhysicalName, ct).ConfigureAwait(false);
            var url = new Uri(endpoint, bucket.PhysicalName).ToString();
            return new ProvisionedResource(
                new Dictionary<string, string> { ["BucketName"] = bucket.PhysicalName },
                [new UrlSnapshot("bucket", url, IsInternal: false)],
                [new("bucket.name", bucket.PhysicalName)]);
        }, cancellationToken));
    }

    /// <summary>
    /// Has S3 delete objects under <paramref name="prefix"/> <paramref name="days"/> days after they were written (a
    /// lifecycle rule in AWS; locally the service's own sweep does it, as fauxqs has no lifecycle).
    /// </summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix, e.g. <c>staging/</c>.</param>
    /// <param name="days">Days after which objects expire (at least 1).</param>
    public static IResourceBuilder<S3BucketResource> WithExpiration(this IResourceBuilder<S3BucketResource> bucket, string prefix, int days)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        bucket.Resource.ExpireAfter(prefix, days);
        return bucket;
    }
}
