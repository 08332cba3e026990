using Backend.TaskProcessing.Tasks;

namespace Backend.TaskProcessing.Consumer;

/// <summary>
/// Does the work of one task type. It must be idempotent (delivery is at least once, and a crashed
/// attempt is retried): results go to a key derived from the task id, so a retry overwrites its own output.
/// Throw <see cref="PermanentTaskException"/> for errors a retry cannot fix; any other exception is
/// treated as transient and the task is retried with backoff until the queue dead-letters it.
/// </summary>
public interface ITaskHandler
{
    string TaskType { get; }

    Task<TaskResult> HandleAsync(TaskRecord task, CancellationToken cancellationToken);
}

/// <summary>An error no retry can fix (missing input, not an image, bad request): the task fails at once.</summary>
public sealed class PermanentTaskException(string message, Exception? innerException = null) : Exception(message, innerException);
