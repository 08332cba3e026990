namespace Backend.TaskProcessing.Tasks;

/// <summary>
/// Where a task is in its life: <c>queued → running → succeeded | failed | cancelled</c>. A running task
/// whose attempt failed transiently goes back to <c>queued</c> until its message is received again.
/// </summary>
public enum TaskState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public static class TaskStates
{
    public static string ToWire(this TaskState state) => state switch
    {
        TaskState.Queued => "queued",
        TaskState.Running => "running",
        TaskState.Succeeded => "succeeded",
        TaskState.Failed => "failed",
        TaskState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static TaskState Parse(string value) => value switch
    {
        "queued" => TaskState.Queued,
        "running" => TaskState.Running,
        "succeeded" => TaskState.Succeeded,
        "failed" => TaskState.Failed,
        "cancelled" => TaskState.Cancelled,
        _ => throw new FormatException($"Unknown task status '{value}'."),
    };

    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Succeeded or TaskState.Failed or TaskState.Cancelled;
}
