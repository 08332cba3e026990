using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace Backend.Hosting.Aws;

/// <summary>
/// The real AWS SDK clients, pointed at local emulators, and the environment variables that point a
/// service process's own SDK clients at the same emulators.
/// </summary>
public static class AwsEmulatorClients
{
    /// <summary>The region every emulator client uses.</summary>
    public const string Region = "us-east-1";

    /// <summary>The emulators accept any credentials; these are the conventional ones.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    /// <summary>An SQS client for <paramref name="endpoint"/>.</summary>
    public static IAmazonSQS CreateSqsClient(Uri endpoint) =>
        new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = Url(endpoint), AuthenticationRegion = Region });

    /// <summary>An S3 client for <paramref name="endpoint"/>, path-style (no bucket subdomains on 127.0.0.1).</summary>
    public static IAmazonS3 CreateS3Client(Uri endpoint) =>
        new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = Url(endpoint), AuthenticationRegion = Region, ForcePathStyle = true });

    /// <summary>A DynamoDB client for <paramref name="endpoint"/>.</summary>
    public static IAmazonDynamoDB CreateDynamoDbClient(Uri endpoint) =>
        new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = Url(endpoint), AuthenticationRegion = Region });

    /// <summary>An EC2 client for <paramref name="endpoint"/> (the EC2 stand-in).</summary>
    public static IAmazonEC2 CreateEc2Client(Uri endpoint) =>
        new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = Url(endpoint), AuthenticationRegion = Region });

    /// <summary>
    /// The AWS SDK's standard variables (<c>AWS_REGION</c>, credentials, <c>AWS_ENDPOINT_URL_*</c>),
    /// which a service process needs to reach the emulators with no code of its own.
    /// </summary>
    public static IDictionary<string, string> CreateEnvironment(Uri sqsEndpoint, Uri s3Endpoint, Uri dynamoDbEndpoint) =>
        new Dictionary<string, string>(RegionAndCredentials, StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL_SQS"] = Url(sqsEndpoint),
            ["AWS_ENDPOINT_URL_S3"] = Url(s3Endpoint),
            ["AWS_ENDPOINT_URL_DYNAMODB"] = Url(dynamoDbEndpoint),
        };

    /// <summary>The SDK's standard variables for the emulators' region and the (any) credentials they take.</summary>
    public static IReadOnlyDictionary<string, string> RegionAndCredentials { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    private static string Url(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);
}
