namespace Backend.Hosting.ApplicationModel.Aws;

/// <summary>An AWS service that resources of the model live in; locally each is served by an emulator.</summary>
public enum AwsService
{
    /// <summary>Simple Queue Service.</summary>
    Sqs,

    /// <summary>Simple Storage Service.</summary>
    S3,

    /// <summary>DynamoDB.</summary>
    DynamoDb,

    /// <summary>Elastic Compute Cloud.</summary>
    Ec2,
}

/// <summary>
/// The AWS settings shared by every AWS reference: the region (configuration <c>AWS:Region</c>, default
/// <c>us-east-1</c>) and, in run mode, the emulators that the local runner starts and records here.
/// </summary>
/// <param name="region">The region.</param>
public sealed class AwsSettings(string region)
{
    /// <summary>Gets the region services are told through <c>AWS_REGION</c>.</summary>
    public string Region { get; } = region;

    /// <summary>Gets the emulator endpoint of each service, passed as <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> in run mode.</summary>
    public IDictionary<AwsService, Uri> EmulatorEndpoints { get; } = new Dictionary<AwsService, Uri>();

    /// <summary>Gets or sets the credentials the emulators accept, passed as <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c> in run mode.</summary>
    public AwsEmulatorCredentials? EmulatorCredentials { get; set; }

    /// <summary>Gets the environment variable suffix the AWS SDK uses for a service (<c>AWS_ENDPOINT_URL_DYNAMODB</c>).</summary>
    /// <param name="service">The service.</param>
    public static string EndpointVariable(AwsService service) => service switch
    {
        AwsService.Sqs => "AWS_ENDPOINT_URL_SQS",
        AwsService.S3 => "AWS_ENDPOINT_URL_S3",
        AwsService.DynamoDb => "AWS_ENDPOINT_URL_DYNAMODB",
        AwsService.Ec2 => "AWS_ENDPOINT_URL_EC2",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}

/// <summary>The fixed credentials of the local emulators (not real AWS credentials, which never pass through the model).</summary>
/// <param name="accessKeyId">The access key id.</param>
/// <param name="secretAccessKey">The secret access key.</param>
public sealed class AwsEmulatorCredentials(string accessKeyId, string secretAccessKey)
{
    /// <summary>Gets the access key id.</summary>
    public string AccessKeyId { get; } = accessKeyId;

    /// <summary>Gets the secret access key.</summary>
    public string SecretAccessKey { get; } = secretAccessKey;

    /// <summary>Names the key id only.</summary>
    public override string ToString() => $"Emulator credentials '{AccessKeyId}'";
}
