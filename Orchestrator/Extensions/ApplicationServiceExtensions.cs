using Backend.Orchestrator.Auth;
using Backend.Orchestrator.Errors;
using Backend.Orchestrator.Tasks;
using Backend.Orchestrator.Workers;
using Backend.TaskProcessing;
using Backend.TaskProcessing.Handlers;
using Backend.TaskProcessing.Tasks;
using Microsoft.AspNetCore.Http.Json;

namespace Backend.Orchestrator.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>The task API, the CPU worker, the dead-letter worker, the outbox sweeper, auth and health checks.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiKeyAuthentication();
        builder.AddTaskProcessing();

        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DependencyFailureExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = false);

        services.AddSingleton<JsonBody>();
        services.AddSingleton<TaskSubmission>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSweeper>());

        builder.AddTaskConsumerOptions(TaskQueueNames.Cpu, CpuWorker.SectionName);
        services.AddTaskHandler<ThumbnailHandler>();
        services.AddTaskHandler<ConvertHandler>();
        services.AddHostedService<CpuWorker>();
        services.AddOptions<DeadLetterOptions>().BindConfiguration(DeadLetterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DeadLetterWorker>();
        // In-flight tasks get the drain timeout to finish before the host gives up on stopping.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

        services.AddHealthChecks()
            .AddSqsQueue(TaskQueueNames.Cpu)
            .AddSqsQueue(TaskQueueNames.Gpu)
            .AddDynamoDbTable(TaskQueueNames.Table)
            .AddS3Bucket(TaskQueueNames.Bucket);
        return builder;
    }
}
