namespace Backend.Hosting.ApplicationModel.Aws;

/// <summary>An S3 bucket.</summary>
/// <param name="name">The resource name (the <c>AWS__Resources__</c> key).</param>
public sealed class S3BucketResource(string name) : AwsResource<S3BucketAllocation>(name, AwsService.S3)
{
    /// <inheritdoc/>
    public override IReadOnlyList<AwsOutputReference> Outputs => [Output("BucketName", a => a.BucketName)];
}

/// <summary>The bucket the emulator created.</summary>
/// <param name="BucketName">Its physical name.</param>
public sealed record S3BucketAllocation(string BucketName);
