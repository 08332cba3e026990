using System.Security.Cryptography;
using System.Text;
using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Backend.TaskProcessing.Telemetry;

namespace Backend.Orchestrator.Tasks;

public enum SubmitOutcome
{
    Accepted,
    IdempotencyConflict,
    Unavailable,
}

public sealed record SubmitResult(SubmitOutcome Outcome, TaskRecord? Task);

/// <summary>
/// Accepts a task: the status write first, then the queue send. The task record is its own outbox entry
/// (<c>outbox</c> is set until the send is confirmed), so a send that fails, or a process that dies
/// between the two, leaves a task the <see cref="OutboxSweeper"/> sends later: accepted means delivered.
/// A failed status write accepts nothing (503). With an Idempotency-Key the task id is derived from the
/// key, so the conditional create itself tells a retry (same request hash) from a conflict.
/// </summary>
public sealed partial class TaskSubmission(ITaskStore store, ITaskPublisher publisher, TaskMetrics metrics, TimeProvider clock, ILogger<TaskSubmission> logger)
{
    // Once the record is written the task is accepted: its send must not depend on the caller staying connected.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    public async Task<SubmitResult> SubmitAsync(ValidSubmission submission, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var task = new TaskRecord
        {
            Id = submission.IdempotencyKey is { } key ? IdFromIdempotencyKey(key) : Guid.CreateVersion7(now).ToString("N"),
            Type = submission.Type,
            Status = TaskState.Queued,
            SessionId = submission.SessionId,
            InputKey = submission.InputKey,
            OutputPrefix = submission.OutputPrefix,
            Parameters = submission.Parameters,
            CreatedAt = now,
            UpdatedAt = now,
            IdempotencyKey = submission.IdempotencyKey,
            RequestHash = submission.RequestHash,
            Unsent = true,
        };
        try
        {
            await store.CreateAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskAlreadyExistsException)
        {
            var existing = await store.GetAsync(task.Id, cancellationToken).ConfigureAwait(false);
            return existing switch
            {
                null => new SubmitResult(SubmitOutcome.Unavailable, null),
                _ when existing.RequestHash == submission.RequestHash => new SubmitResult(SubmitOutcome.Accepted, existing),
                _ => new SubmitResult(SubmitOutcome.IdempotencyConflict, existing),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStatusWriteFailed(exception, task.Id);
            return new SubmitResult(SubmitOutcome.Unavailable, null);
        }
        metrics.Submitted(task.Type);
        return new SubmitResult(SubmitOutcome.Accepted, await SendAsync(task).ConfigureAwait(false));
    }

    /// <summary>Sends the task's message and takes it out of the outbox; a failure leaves it there for the sweeper.</summary>
    public async Task<TaskRecord> SendAsync(TaskRecord task)
    {
        using var deadline = new CancellationTokenSource(SendTimeout);
        try
        {
            await publisher.PublishAsync(task, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogSendFailed(exception, task.Id, task.Queue);
            return task;
        }
        try
        {
            await store.MarkSentAsync(task.Id, deadline.Token).ConfigureAwait(false);
            return task with { Unsent = false };
        }
        catch (Exception exception)
        {
            // The message is on the queue; the sweeper will send a duplicate, which consumers ignore.
            LogMarkSentFailed(exception, task.Id);
            return task;
        }
    }

    // Same key, same id: the conditional create is the idempotency check, with no second table or lock.
    public static string IdFromIdempotencyKey(string key) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("idempotency-key:" + key)).AsSpan(0, 16)).ToString("N");

    [LoggerMessage(LogLevel.Error, "Could not write task {TaskId}: nothing was accepted")]
    private partial void LogStatusWriteFailed(Exception exception, string taskId);

    [LoggerMessage(LogLevel.Warning, "Could not send task {TaskId} to {Queue}; it stays in the outbox for the sweeper")]
    private partial void LogSendFailed(Exception exception, string taskId, string queue);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId} was sent but is still marked unsent; the sweeper will send a harmless duplicate")]
    private partial void LogMarkSentFailed(Exception exception, string taskId);
}
