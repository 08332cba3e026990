using System.ComponentModel.DataAnnotations;
using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Backend.TaskProcessing.Telemetry;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tasks;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Unsent tasks younger than this are left to the request that is still sending them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinAge { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Sends the messages of tasks that were accepted but whose send failed or never happened (the process
/// died), found through the sparse <c>by_outbox</c> index. Sending twice is harmless: consumers start a
/// task only through its conditional <c>queued → running</c> write. Several replicas may sweep at once.
/// </summary>
public sealed partial class OutboxSweeper(
    ITaskStore store, TaskSubmission submission, TaskQueueAddresses queues, TaskMetrics metrics,
    IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSweeper> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(_options.SweepInterval, clock);
        while (await TickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            foreach (var queue in new[] { TaskQueueNames.Cpu, TaskQueueNames.Gpu }.Where(queues.IsConfigured))
            {
                try
                {
                    await SweepAsync(queue, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(exception, queue);
                }
            }
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task<int> SweepAsync(string queue, CancellationToken cancellationToken)
    {
        var sent = 0;
        var ids = await store.ListUnsentAsync(queue, clock.GetUtcNow() - _options.MinAge, 100, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { Unsent: true } task)
            {
                continue;
            }
            if (task.Status != TaskState.Queued)
            {
                // Already picked up (a send did happen) or finished: only the outbox mark is stale.
                await store.MarkSentAsync(id, cancellationToken).ConfigureAwait(false);
                continue;
            }
            using var activity = BackendTelemetry.StartBackgroundActivity("outbox resend");
            activity?.SetTag("task.id", id);
            if (!(await submission.SendAsync(task).ConfigureAwait(false)).Unsent)
            {
                metrics.Resent(queue);
                LogResent(id, queue);
                sent++;
            }
        }
        return sent;
    }

    [LoggerMessage(LogLevel.Warning, "Sent task {TaskId} to {Queue} from the outbox")]
    private partial void LogResent(string taskId, string queue);

    [LoggerMessage(LogLevel.Error, "Sweeping the outbox of {Queue} failed; trying again on the next sweep")]
    private partial void LogSweepFailed(Exception exception, string queue);
}
