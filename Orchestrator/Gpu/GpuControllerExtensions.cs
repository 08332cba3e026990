using Backend.Orchestrator.Gpu;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class GpuControllerExtensions
{
    /// <summary>
    /// The GPU instance controller: SQS, EC2 and DynamoDB clients, its options (section <c>Gpu</c>,
    /// names defaulting to the referenced AWS resources, validated on start) and the polling service.
    /// </summary>
    public static IHostApplicationBuilder AddGpuController(this IHostApplicationBuilder builder)
    {
        builder.AddSqsClient();
        builder.AddEc2Client();
        builder.AddDynamoDbClient();
        builder.Services.AddOptions<GpuOptions>()
            .BindConfiguration(GpuOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.InstanceId = Default(options.InstanceId, configuration, "gpu-instance", "InstanceId");
                options.QueueUrl = Default(options.QueueUrl, configuration, "gpu_tasks_queue", "QueueUrl");
                options.TableName = Default(options.TableName, configuration, "task_store", "TableName");
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GpuSharedStateStore>();
        builder.Services.AddSingleton<GpuQueueProbe>();
        builder.Services.AddSingleton<GpuInstance>();
        builder.Services.AddSingleton<GpuMetrics>();
        builder.Services.AddSingleton<GpuController>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GpuController>());
        return builder;
    }

    private static string Default(string value, IConfiguration configuration, string resource, string attribute) =>
        string.IsNullOrWhiteSpace(value) ? configuration[$"{AwsResourceConfiguration.SectionName}:{resource}:{attribute}"] ?? "" : value;
}
