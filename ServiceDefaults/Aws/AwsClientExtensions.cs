using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one way services register AWS SDK clients. Each client honours the SDK's standard variables,
/// read through configuration so that environment variables and in-process test settings both work:
/// <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> (or <c>AWS_ENDPOINT_URL</c>) and, for
/// emulators, <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>. Without them the SDK's default
/// region and credential chain apply (the ECS task role in production).
/// </summary>
public static class AwsClientExtensions
{
    /// <summary>Registers <see cref="IAmazonSQS"/> as a singleton.</summary>
    public static IHostApplicationBuilder AddSqsClient(this IHostApplicationBuilder builder) =>
        builder.AddAwsClient<IAmazonSQS, AmazonSQSConfig>("SQS", static (credentials, config) => new AmazonSQSClient(credentials, config));

    /// <summary>Registers <see cref="IAmazonS3"/> as a singleton; path-style addressing when an endpoint override is set.</summary>
    public static IHostApplicationBuilder AddS3Client(this IHostApplicationBuilder builder) =>
        builder.AddAwsClient<IAmazonS3, AmazonS3Config>("S3", static (credentials, config) =>
        {
            // Emulators serve buckets under the path, not as DNS names.
            config.ForcePathStyle = config.ServiceURL is not null;
            return new AmazonS3Client(credentials, config);
        });

    /// <summary>Registers <see cref="IAmazonDynamoDB"/> as a singleton.</summary>
    public static IHostApplicationBuilder AddDynamoDbClient(this IHostApplicationBuilder builder) =>
        builder.AddAwsClient<IAmazonDynamoDB, AmazonDynamoDBConfig>("DYNAMODB", static (credentials, config) => new AmazonDynamoDBClient(credentials, config));

    /// <summary>Registers <see cref="IAmazonEC2"/> as a singleton.</summary>
    public static IHostApplicationBuilder AddEc2Client(this IHostApplicationBuilder builder) =>
        builder.AddAwsClient<IAmazonEC2, AmazonEC2Config>("EC2", static (credentials, config) => new AmazonEC2Client(credentials, config));

    /// <summary>
    /// Builds a client configuration from <paramref name="configuration"/>: region, and the endpoint
    /// override <c>AWS_ENDPOINT_URL_{serviceId}</c> falling back to <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    public static TConfig CreateAwsConfig<TConfig>(IConfiguration configuration, string serviceId) where TConfig : ClientConfig, new()
    {
        var config = new TConfig();
        var region = configuration["AWS_REGION"] ?? configuration["AWS_DEFAULT_REGION"];
        var endpoint = configuration[$"AWS_ENDPOINT_URL_{serviceId}"] ?? configuration["AWS_ENDPOINT_URL"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            config.ServiceURL = endpoint;
            // With a ServiceURL the SDK no longer knows the region it signs for.
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (!string.IsNullOrWhiteSpace(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    /// <summary>Static credentials when configured (emulators), else the SDK's default chain.</summary>
    public static AWSCredentials? CreateAwsCredentials(IConfiguration configuration) =>
        configuration["AWS_ACCESS_KEY_ID"] is { Length: > 0 } accessKey && configuration["AWS_SECRET_ACCESS_KEY"] is { Length: > 0 } secretKey
            ? new BasicAWSCredentials(accessKey, secretKey)
            : null;

    private static IHostApplicationBuilder AddAwsClient<TClient, TConfig>(
        this IHostApplicationBuilder builder, string serviceId, Func<AWSCredentials?, TConfig, TClient> create)
        where TClient : class, IAmazonService
        where TConfig : ClientConfig, new()
    {
        builder.Services.TryAddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            return create(CreateAwsCredentials(configuration), CreateAwsConfig<TConfig>(configuration, serviceId));
        });
        return builder;
    }
}
