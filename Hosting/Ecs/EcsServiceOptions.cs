using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Sqs;

namespace Backend.Hosting.Ecs;

/// <summary>How one service runs on ECS: its task size, how many tasks, Fargate Spot, autoscaling bounds.</summary>
public sealed class EcsServiceOptions
{
    /// <summary>Task CPU units (256 = 0.25 vCPU); a Fargate size with <see cref="MemoryMiB"/>.</summary>
    public int Cpu { get; set; } = 256;

    /// <summary>Task memory in MiB; a Fargate size with <see cref="Cpu"/>.</summary>
    public int MemoryMiB { get; set; } = 512;

    /// <summary>Tasks at rest; the lower bound of autoscaling.</summary>
    public int DesiredCount { get; set; } = 1;

    /// <summary>The upper bound of autoscaling.</summary>
    public int MaxCount { get; set; } = 4;

    /// <summary>Run on Fargate Spot (about 70% cheaper, tasks may be stopped with two minutes' notice).</summary>
    public bool UseSpot { get; set; }

    /// <summary>Average CPU utilization (percent) that target tracking keeps the service at.</summary>
    public int TargetCpuPercent { get; set; } = 70;

    /// <summary>The container health check's path: ServiceDefaults' liveness endpoint.</summary>
    public string LivenessPath { get; set; } = "/alive";

    /// <summary>Queue whose backlog scales the service (its worker's queue), with the messages one task drains.</summary>
    internal (string QueueResource, int MessagesPerTask)? Backlog { get; private set; }

    /// <summary>Also scales the service on the backlog of <paramref name="queue"/>: one more task per
    /// <paramref name="messagesPerTask"/> visible messages, back down when the queue is empty.</summary>
    /// <param name="queue">The queue (one the service references).</param>
    /// <param name="messagesPerTask">Visible messages one more task is worth.</param>
    public EcsServiceOptions ScaleOnBacklogOf(IResourceBuilder<SqsQueueResource> queue, int messagesPerTask = 20)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerTask, 1);
        Backlog = (queue.Resource.Name, messagesPerTask);
        return this;
    }
}
