using System.Diagnostics;
using System.Globalization;
using Amazon.SQS.Model;
using Backend.ServiceDefaults.Aws;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.Logging;

namespace Backend.TaskProcessing.Consumer;

/// <summary>
/// One received message, start to end: take the task's lease (<c>queued → running</c>, or a takeover
/// once an earlier attempt's lease expired), run the handler while a heartbeat extends both the message's
/// visibility and the lease, then write the outcome conditionally on still holding the lease and only
/// then delete the message. Whatever goes wrong before that write, the message comes back.
/// </summary>
public sealed partial class TaskAttempt(TaskAttemptContext context, ILogger<TaskAttempt> logger)
{
    // Final writes must not be abandoned because the worker is stopping; they get their own short deadline.
    private static readonly TimeSpan FinalWriteTimeout = TimeSpan.FromSeconds(15);

    public async Task RunAsync(Message message, CancellationToken abort)
    {
        context.Metrics.InFlight(context.QueueName, 1);
        using var activity = SqsTraceContext.StartProcessing(message, context.QueueName);
        try
        {
            await ProcessAsync(message, activity, abort).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The store or the queue failed outside a handler: not the task's fault, so not held against it.
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogAttemptFailed(exception, message.MessageId);
            await DeferAsync(message).ConfigureAwait(false);
        }
        finally
        {
            context.Metrics.InFlight(context.QueueName, -1);
        }
    }

    private async Task ProcessAsync(Message message, Activity? activity, CancellationToken abort)
    {
        if (TaskMessage.TryParse(message.Body) is not { } parsed)
        {
            // Not deleted: after maxReceiveCount the queue moves it to the dead-letter queue for a person to see.
            LogNotATaskMessage(message.MessageId, context.QueueName);
            return;
        }
        activity?.SetTag("task.id", parsed.TaskId);
        activity?.SetTag("task.type", parsed.Type);
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        if (await context.Store.TryStartAsync(parsed.TaskId, owner, context.Options.LeaseDuration, abort).ConfigureAwait(false) is not { } task)
        {
            await SkipAsync(parsed.TaskId, message, abort).ConfigureAwait(false);
            return;
        }
        var lease = new TaskLease(task.Id, owner, task.Attempts);
        activity?.SetTag("task.attempt", task.Attempts);
        if (!context.Handlers.TryGetValue(task.Type, out var handler))
        {
            await FailAsync(lease, task, message, $"no worker on queue {context.QueueName} handles tasks of type '{task.Type}'", TimeSpan.Zero).ConfigureAwait(false);
            return;
        }
        await RunHandlerAsync(handler, task, lease, message, abort).ConfigureAwait(false);
    }

    private async Task RunHandlerAsync(ITaskHandler handler, TaskRecord task, TaskLease lease, Message message, CancellationToken abort)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(abort);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(lease, message, work, stopHeartbeat.Token);
        var started = Stopwatch.GetTimestamp();
        TaskResult? result = null;
        Exception? error = null;
        try
        {
            result = await handler.HandleAsync(task, work.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            error = exception;
        }
        finally
        {
            await stopHeartbeat.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await (error switch
        {
            null => CompleteAsync(lease, task, message, result!, elapsed),
            PermanentTaskException permanent => FailAsync(lease, task, message, permanent.Message, elapsed),
            OperationCanceledException when abort.IsCancellationRequested => ReleaseForShutdownAsync(lease, task, message, elapsed),
            OperationCanceledException when work.IsCancellationRequested => LostLeaseAsync(task, elapsed),
            _ => RetryLaterAsync(lease, task, message, error, elapsed),
        }).ConfigureAwait(false);
    }

    private async Task HeartbeatAsync(TaskLease lease, Message message, CancellationTokenSource work, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(context.Options.HeartbeatInterval, context.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await context.Sqs.ChangeMessageVisibilityAsync(context.QueueUrl, message.ReceiptHandle, Seconds(context.Options.VisibilityTimeout), stop).ConfigureAwait(false);
                    if (!await context.Store.RenewLeaseAsync(lease, context.Options.LeaseDuration, stop).ConfigureAwait(false))
                    {
                        // Another attempt took the task over (this one stalled past its lease): stop working on it.
                        LogLeaseLost(lease.TaskId, lease.Attempt);
                        await work.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogHeartbeatFailed(exception, lease.TaskId);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    internal static int ReceiveCount(Message message) =>
        message.Attributes?.TryGetValue("ApproximateReceiveCount", out var count) == true
            && int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 1;

    private static int Seconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalSeconds), 0, 43_200);
}
