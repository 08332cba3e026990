using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Workers;

/// <summary>Consumes <c>cpu_tasks_queue</c> (thumbnail, convert) in the orchestrator's own process.</summary>
public sealed class CpuWorker(TaskQueueConsumerFactory consumers) : BackgroundService
{
    public const string SectionName = "Workers:Cpu";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        consumers.Options(TaskQueueNames.Cpu).Enabled
            ? consumers.Create(TaskQueueNames.Cpu).RunAsync(stoppingToken)
            : Task.CompletedTask;
}
