using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// The AWS Distro for OpenTelemetry collector as a sidecar: the service exports OTLP to it on localhost (the task's
/// shared network namespace) and its default ECS configuration sends traces to X-Ray and metrics to CloudWatch (EMF).
/// </summary>
internal static class Telemetry
{
    public const string CollectorImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1";

    // The log group the collector's default ECS configuration writes EMF metrics to; it creates it on first use.
    private const string MetricsLogGroup = "/aws/ecs/application/metrics";

    public static Dictionary<string, string> Environment(string service) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://localhost:4318",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = service,
    };

    public static void AddCollector(TaskDefinition task, LogDriver logs) => task.AddContainer("otel-collector", new ContainerDefinitionOptions
    {
        ContainerName = "otel-collector",
        Image = ContainerImage.FromRegistry(CollectorImage),
        Command = ["--config=/etc/ecs/ecs-default-config.yaml"],
        MemoryReservationMiB = 64,
        // Losing telemetry must not stop the service.
        Essential = false,
        Logging = logs,
    });

    public static void Grant(Role taskRole)
    {
        // X-Ray has no resource-level permissions: "*" is the narrowest it offers.
        taskRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
            Resources = ["*"],
        }));
        var group = $"arn:{Amazon.CDK.Aws.PARTITION}:logs:{Amazon.CDK.Aws.REGION}:{Amazon.CDK.Aws.ACCOUNT_ID}:log-group:{MetricsLogGroup}";
        taskRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [group, $"{group}:log-stream:*"],
        }));
    }
}
