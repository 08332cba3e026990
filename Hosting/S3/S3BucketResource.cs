using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Emulators;
using Backend.Hosting.Publishing.CloudFormation;
using Backend.Hosting.Sqs;

namespace Backend.Hosting.S3;

/// <summary>An S3 bucket: private and encrypted in AWS, in fauxqs (memory only) locally.</summary>
/// <param name="name">The resource name.</param>
/// <param name="bucketName">The bucket's name, which services' configuration keys use.</param>
/// <param name="emulator">The local stand-in it lives in.</param>
public sealed class S3BucketResource(string name, string bucketName, FauxqsResource emulator)
    : AwsResource(name, bucketName), IResourceWithParent<FauxqsResource>
{
    /// <inheritdoc />
    public FauxqsResource Parent { get; } = emulator;

    /// <inheritdoc />
    public override string ServiceId => "S3";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputNames { get; } = ["BucketName"];

    /// <inheritdoc />
    public override object LocalEndpoint => Parent.Url();

    /// <summary>Key prefixes whose objects S3 deletes after a number of days (a service's staging area).</summary>
    public IReadOnlyDictionary<string, int> ExpiringPrefixes => _expiringPrefixes;

    /// <inheritdoc />
    public override JsonObject CreateTemplate() => S3BucketTemplate.For(Name, ExpiringPrefixes);

    internal void ExpireAfter(string prefix, int days) => _expiringPrefixes[prefix] = days;

    private readonly SortedDictionary<string, int> _expiringPrefixes = new(StringComparer.Ordinal);
}
