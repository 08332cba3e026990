using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;

namespace Backend.GpuWorker.Workers;

/// <summary>
/// Consumes <c>gpu_tasks_queue</c>. On SIGTERM (the instance is stopping) the host cancels the stopping
/// token: the consumer receives nothing more, lets in-flight tasks finish within the drain timeout and
/// gives the rest back (task <c>queued</c>, message visible at once), so stopping the GPU loses no work.
/// </summary>
public sealed class GpuTaskWorker(TaskQueueConsumerFactory consumers) : BackgroundService
{
    public const string SectionName = "Worker";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        consumers.Create(TaskQueueNames.Gpu).RunAsync(stoppingToken);
}
