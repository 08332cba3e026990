namespace Backend.TaskProcessing.Tasks;

/// <summary>Where a task's output image is and what it is.</summary>
public sealed record TaskResult(string Key, string ContentType, int Width, int Height, long Size);
