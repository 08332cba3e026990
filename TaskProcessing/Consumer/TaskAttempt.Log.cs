using Microsoft.Extensions.Logging;

namespace Backend.TaskProcessing.Consumer;

public sealed partial class TaskAttempt
{
    [LoggerMessage(LogLevel.Information, "Task {TaskId} ({Type}) succeeded on attempt {Attempt} in {ElapsedMs:F0} ms")]
    private partial void LogSucceeded(string taskId, string type, int attempt, double elapsedMs);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId} ({Type}) failed: {Error}")]
    private partial void LogFailed(string taskId, string type, string error);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId} attempt {Attempt} failed transiently; retrying in about {DelaySeconds:F1} s")]
    private partial void LogRetrying(Exception exception, string taskId, int attempt, double delaySeconds);

    [LoggerMessage(LogLevel.Information, "Task {TaskId} released for another worker: this one is stopping")]
    private partial void LogReleased(string taskId);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId} attempt {Attempt} lost its lease to a later attempt; leaving the task to it")]
    private partial void LogLeaseLost(string taskId, int attempt);

    [LoggerMessage(LogLevel.Information, "Task {TaskId} is already {Status}; deleting the duplicate message")]
    private partial void LogAlreadyFinished(string taskId, string status);

    [LoggerMessage(LogLevel.Information, "Task {TaskId} is {Status} under another attempt's lease; looking again in {DelaySeconds:F1} s")]
    private partial void LogHeldElsewhere(string taskId, string status, double delaySeconds);

    [LoggerMessage(LogLevel.Warning, "Message for unknown task {TaskId}; deleting it")]
    private partial void LogUnknownTask(string taskId);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} on {Queue} is not a task message; leaving it for the dead-letter queue")]
    private partial void LogNotATaskMessage(string messageId, string queue);

    [LoggerMessage(LogLevel.Warning, "Heartbeat of task {TaskId} failed; trying again on the next beat")]
    private partial void LogHeartbeatFailed(Exception exception, string taskId);

    [LoggerMessage(LogLevel.Warning, "Could not settle message {MessageId}; it will come back after its visibility timeout")]
    private partial void LogDeleteFailed(Exception exception, string messageId);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} deferred ({Deferrals} time(s)) for {DelaySeconds} s as a fresh copy; it does not count toward the dead-letter queue")]
    private partial void LogDeferred(string messageId, int deferrals, int delaySeconds);

    [LoggerMessage(LogLevel.Warning, "Could not defer message {MessageId} as a fresh copy; it comes back after a backoff and that receive counts")]
    private partial void LogDeferFailed(Exception exception, string messageId);

    [LoggerMessage(LogLevel.Error, "Processing message {MessageId} failed outside the handler; it will be received again")]
    private partial void LogAttemptFailed(Exception exception, string messageId);
}
