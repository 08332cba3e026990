using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Backend.Hosting.S3;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>The private image bucket: public access blocked, encrypted, TLS only; kept when the stack is deleted.</summary>
internal sealed class BucketResource : StackResource
{
    // What the image store calls: single and multipart PUT, GET/HEAD, delete (one and many), abort.
    private static readonly string[] ObjectActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];

    private readonly Bucket _bucket;

    public BucketResource(Construct scope, S3BucketResource resource) : base(resource)
    {
        _bucket = new Bucket(scope, Id(resource.Name), new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = RemovalPolicy.RETAIN,
            // A multipart upload that never completes keeps its parts (and their cost) forever unless aborted; and the
            // model's expiring prefixes (Canvas.Api's staging/) are deleted after their days.
            LifecycleRules =
            [
                new LifecycleRule { Id = "abort-incomplete-multipart-uploads", AbortIncompleteMultipartUploadAfter = Duration.Days(1) },
                .. resource.ExpiringPrefixes.Select(rule => new LifecycleRule
                {
                    Id = $"expire-{rule.Key.Trim('/').Replace('/', '-')}",
                    Prefix = rule.Key,
                    Expiration = Duration.Days(rule.Value),
                }),
            ],
        });
    }

    public override string Output(string name) => name == "BucketName" ? _bucket.BucketName : throw UnknownOutput(name);

    // ListBucket (bucket-level) because deleting a session lists its objects first; nothing else on the bucket itself.
    public override IEnumerable<PolicyStatement> Permissions() =>
        [Allow(ObjectActions, _bucket.ArnForObjects("*")), Allow(["s3:ListBucket"], _bucket.BucketArn)];
}
