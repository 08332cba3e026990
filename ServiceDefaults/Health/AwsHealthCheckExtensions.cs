using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Readiness checks for the AWS resources a service depends on, each one cheap read call that the
/// service's IAM policy already allows. Their SDK calls are kept out of traces: a load balancer
/// polling <c>/health</c> would otherwise fill the trace view.
/// </summary>
public static class AwsHealthCheckExtensions
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks that the queue referenced as <paramref name="resource"/> answers GetQueueAttributes.</summary>
    public static IHealthChecksBuilder AddSqsQueue(this IHealthChecksBuilder checks, string resource) =>
        checks.AddAwsCheck(resource, static async (services, configuration, resource, cancellationToken) =>
            await services.GetRequiredService<IAmazonSQS>().GetQueueAttributesAsync(
                configuration.GetAwsResource(resource, "QueueUrl"), ["QueueArn"], cancellationToken).ConfigureAwait(false));

    /// <summary>Checks that the table referenced as <paramref name="resource"/> answers DescribeTable.</summary>
    public static IHealthChecksBuilder AddDynamoDbTable(this IHealthChecksBuilder checks, string resource) =>
        checks.AddAwsCheck(resource, static async (services, configuration, resource, cancellationToken) =>
            await services.GetRequiredService<IAmazonDynamoDB>().DescribeTableAsync(
                configuration.GetAwsResource(resource, "TableName"), cancellationToken).ConfigureAwait(false));

    /// <summary>Checks that the bucket referenced as <paramref name="resource"/> can be listed.</summary>
    public static IHealthChecksBuilder AddS3Bucket(this IHealthChecksBuilder checks, string resource) =>
        checks.AddAwsCheck(resource, static async (services, configuration, resource, cancellationToken) =>
            await services.GetRequiredService<IAmazonS3>().ListObjectsV2Async(new()
            {
                BucketName = configuration.GetAwsResource(resource, "BucketName"),
                MaxKeys = 1,
            }, cancellationToken).ConfigureAwait(false));

    private static IHealthChecksBuilder AddAwsCheck(
        this IHealthChecksBuilder checks,
        string resource,
        Func<IServiceProvider, IConfiguration, string, CancellationToken, Task> probe) =>
        checks.Add(new HealthCheckRegistration(
            resource,
            services => new AwsResourceHealthCheck(services, resource, probe),
            HealthStatus.Unhealthy,
            tags: null,
            Timeout));

    private sealed class AwsResourceHealthCheck(
        IServiceProvider services,
        string resource,
        Func<IServiceProvider, IConfiguration, string, CancellationToken, Task> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var untraced = SuppressInstrumentationScope.Begin();
            try
            {
                await probe(services, services.GetRequiredService<IConfiguration>(), resource, cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{resource} is not reachable", exception);
            }
        }
    }
}
