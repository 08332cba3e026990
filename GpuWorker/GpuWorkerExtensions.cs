using Backend.GpuWorker.Inference;
using Backend.GpuWorker.Workers;
using Backend.TaskProcessing;
using Backend.TaskProcessing.Handlers;
using Backend.TaskProcessing.Tasks;

namespace Backend.GpuWorker;

public static class GpuWorkerExtensions
{
    /// <summary>The GPU queue's consumer with the <c>upscale</c> and <c>generate</c> handlers.</summary>
    public static IHostApplicationBuilder AddGpuWorker(this IHostApplicationBuilder builder)
    {
        builder.AddTaskProcessing();
        builder.AddTaskConsumerOptions(TaskQueueNames.Gpu, GpuTaskWorker.SectionName);
        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTaskHandler<UpscaleHandler>();
        // No HTTP-level retries: a generation is expensive and not idempotent on the server; the task's
        // own retry (with backoff, then the dead-letter queue) is the one retry policy.
        // RemoveAllResilienceHandlers is marked experimental; it is the supported way to undo ServiceDefaults' handler.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(GenerateHandler.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddTaskHandler<GenerateHandler>();
        builder.Services.AddHostedService<GpuTaskWorker>();
        // The drain timeout (20 s by default) must fit in the host's stop budget.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }
}
