using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>A handler whose behaviour a test writes, counting how often it ran; it replaces the real one for its type.</summary>
public sealed class ScriptedHandler(string taskType, Func<TaskRecord, int, CancellationToken, Task<TaskResult>> script) : ITaskHandler
{
    private int _calls;

    public string TaskType => taskType;

    public int Calls => Volatile.Read(ref _calls);

    public Task<TaskResult> HandleAsync(TaskRecord task, CancellationToken cancellationToken) =>
        script(task, Interlocked.Increment(ref _calls), cancellationToken);

    public static TaskResult FakeResult(TaskRecord task) => new(task.OutputPrefix + task.Id + ".webp", "image/webp", 1, 1, 1);
}
