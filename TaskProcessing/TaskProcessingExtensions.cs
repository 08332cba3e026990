using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Images;
using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Backend.TaskProcessing.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Backend.TaskProcessing;

public static class TaskProcessingExtensions
{
    /// <summary>
    /// The task store, queue publisher, image storage, metrics and the consumer machinery. Resource names
    /// come from the AppHost's <c>AWS__Resources__…</c> variables; options fail at start when one is missing.
    /// </summary>
    public static IHostApplicationBuilder AddTaskProcessing(this IHostApplicationBuilder builder)
    {
        builder.AddSqsClient();
        builder.AddS3Client();
        builder.AddDynamoDbClient();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<TaskMetrics>();
        services.TryAddSingleton<TaskQueueAddresses>();
        services.TryAddSingleton<ITaskStore, DynamoDbTaskStore>();
        services.TryAddSingleton<ITaskPublisher, SqsTaskPublisher>();
        services.TryAddSingleton<ImageStorage>();
        services.TryAddSingleton<ImageMemoryBudget>();
        services.TryAddSingleton<TaskAttemptFactory>();
        services.TryAddSingleton<TaskQueueConsumerFactory>();

        services.AddOptions<TaskStoreOptions>()
            .BindConfiguration(TaskStoreOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.TableName = Fallback(options.TableName, configuration, TaskQueueNames.Table, "TableName"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ImageMemoryOptions>()
            .BindConfiguration(ImageMemoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ImageStorageOptions>()
            .BindConfiguration(ImageStorageOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.BucketName = Fallback(options.BucketName, configuration, TaskQueueNames.Bucket, "BucketName"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Consumer options named after <paramref name="queue"/>, bound from <paramref name="sectionName"/>.</summary>
    public static IHostApplicationBuilder AddTaskConsumerOptions(this IHostApplicationBuilder builder, string queue, string sectionName)
    {
        builder.Services.AddOptions<TaskConsumerOptions>(queue)
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .Validate(options => options.HeartbeatInterval < options.LeaseDuration && options.HeartbeatInterval < options.VisibilityTimeout,
                "HeartbeatInterval must be shorter than LeaseDuration and VisibilityTimeout.")
            .ValidateOnStart();
        return builder;
    }

    public static IServiceCollection AddTaskHandler<THandler>(this IServiceCollection services) where THandler : class, ITaskHandler
    {
        services.AddSingleton<ITaskHandler, THandler>();
        return services;
    }

    private static string Fallback(string value, IConfiguration configuration, string resource, string attribute) =>
        !string.IsNullOrEmpty(value) ? value : configuration[$"{AwsResourceConfiguration.SectionName}:{resource}:{attribute}"] ?? "";
}
