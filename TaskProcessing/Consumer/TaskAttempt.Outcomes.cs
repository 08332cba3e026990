using Amazon.SQS.Model;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;

namespace Backend.TaskProcessing.Consumer;

// The outcome of an attempt: a conditional write first, the message's fate second. A write that finds
// the lease gone means another attempt owns the task now; this one leaves the task and message alone.
public sealed partial class TaskAttempt
{
    private async Task CompleteAsync(TaskLease lease, TaskRecord task, Message message, TaskResult result, TimeSpan elapsed)
    {
        using var deadline = new CancellationTokenSource(FinalWriteTimeout);
        if (await context.Store.CompleteAsync(lease, result, deadline.Token).ConfigureAwait(false))
        {
            context.Metrics.Finished(task.Type, "succeeded");
            context.Metrics.Processed(task.Type, "succeeded", elapsed);
            await DeleteAsync(message, deadline.Token).ConfigureAwait(false);
            LogSucceeded(task.Id, task.Type, task.Attempts, elapsed.TotalMilliseconds);
        }
        else
        {
            await LostLeaseAsync(task, elapsed).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(TaskLease lease, TaskRecord task, Message message, string error, TimeSpan elapsed)
    {
        using var deadline = new CancellationTokenSource(FinalWriteTimeout);
        if (await context.Store.FailAsync(lease, error, deadline.Token).ConfigureAwait(false))
        {
            context.Metrics.Finished(task.Type, "failed");
            context.Metrics.Processed(task.Type, "failed", elapsed);
            await DeleteAsync(message, deadline.Token).ConfigureAwait(false);
            LogFailed(task.Id, task.Type, error);
        }
        else
        {
            await LostLeaseAsync(task, elapsed).ConfigureAwait(false);
        }
    }

    private async Task RetryLaterAsync(TaskLease lease, TaskRecord task, Message message, Exception error, TimeSpan elapsed)
    {
        using var deadline = new CancellationTokenSource(FinalWriteTimeout);
        var reason = $"attempt {task.Attempts} failed: {error.Message}";
        context.Metrics.Processed(task.Type, "retried", elapsed);
        if (await context.Store.ReleaseAsync(lease, reason, deadline.Token).ConfigureAwait(false))
        {
            context.Metrics.Retried(task.Type);
            // The store's attempt count, not SQS's receive count: it survives re-sends and counts only real attempts.
            var delay = Backoff.Delay(context.Options.RetryDelay, context.Options.MaxRetryDelay, task.Attempts);
            LogRetrying(error, task.Id, task.Attempts, delay.TotalSeconds);
            await context.Sqs.ChangeMessageVisibilityAsync(context.QueueUrl, message.ReceiptHandle, Seconds(delay), deadline.Token).ConfigureAwait(false);
        }
    }

    private async Task ReleaseForShutdownAsync(TaskLease lease, TaskRecord task, Message message, TimeSpan elapsed)
    {
        using var deadline = new CancellationTokenSource(FinalWriteTimeout);
        context.Metrics.Processed(task.Type, "released", elapsed);
        if (await context.Store.ReleaseAsync(lease, null, deadline.Token).ConfigureAwait(false))
        {
            await context.Sqs.ChangeMessageVisibilityAsync(context.QueueUrl, message.ReceiptHandle, 0, deadline.Token).ConfigureAwait(false);
            LogReleased(task.Id);
        }
    }

    private Task LostLeaseAsync(TaskRecord task, TimeSpan elapsed)
    {
        context.Metrics.Processed(task.Type, "lost_lease", elapsed);
        LogLeaseLost(task.Id, task.Attempts);
        return Task.CompletedTask;
    }

    /// <summary>The task could not be started: finished (delete the duplicate), or held by a live attempt (look again after its lease).</summary>
    private async Task SkipAsync(string taskId, Message message, CancellationToken cancellationToken)
    {
        var current = await context.Store.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        switch (current)
        {
            case null:
                LogUnknownTask(taskId);
                await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case { Status: var status } when status.IsTerminal():
                LogAlreadyFinished(taskId, status.ToWire());
                await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var leaseLeft = (current.LeaseExpiresAt ?? context.Clock.GetUtcNow()) - context.Clock.GetUtcNow();
                var delay = TimeSpan.FromSeconds(1) + (leaseLeft > TimeSpan.Zero ? leaseLeft : TimeSpan.Zero);
                LogHeldElsewhere(taskId, current.Status.ToWire(), delay.TotalSeconds);
                await context.Sqs.ChangeMessageVisibilityAsync(context.QueueUrl, message.ReceiptHandle, Seconds(delay), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task DeleteAsync(Message message, CancellationToken cancellationToken)
    {
        try
        {
            await context.Sqs.DeleteMessageAsync(context.QueueUrl, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Harmless: the message comes back, finds its task finished and is deleted then.
            LogDeleteFailed(exception, message.MessageId);
        }
    }

    private async Task TryChangeVisibilityAsync(Message message, TimeSpan delay)
    {
        try
        {
            using var deadline = new CancellationTokenSource(FinalWriteTimeout);
            await context.Sqs.ChangeMessageVisibilityAsync(context.QueueUrl, message.ReceiptHandle, Seconds(delay), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogDeleteFailed(exception, message.MessageId);
        }
    }
}
