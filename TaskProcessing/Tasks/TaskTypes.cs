namespace Backend.TaskProcessing.Tasks;

/// <summary>The kinds of work and the queue each one goes to: the task type alone decides the queue.</summary>
public static class TaskTypes
{
    public const string Thumbnail = "thumbnail";
    public const string Convert = "convert";
    public const string Upscale = "upscale";
    public const string Generate = "generate";

    public static IReadOnlyList<string> All { get; } = [Thumbnail, Convert, Upscale, Generate];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>The queue resource (as the AppHost names it) that carries tasks of <paramref name="type"/>.</summary>
    public static string QueueFor(string type) => type switch
    {
        Thumbnail or Convert => TaskQueueNames.Cpu,
        Upscale or Generate => TaskQueueNames.Gpu,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown task type."),
    };

    /// <summary>Only <c>generate</c> makes an image from nothing; every other type works on an input image.</summary>
    public static bool NeedsInput(string type) => type != Generate;
}

/// <summary>The queue and table resource names of the application model (<c>AWS__Resources__&lt;name&gt;__…</c>).</summary>
public static class TaskQueueNames
{
    public const string Cpu = "cpu_tasks_queue";
    public const string Gpu = "gpu_tasks_queue";
    public const string Table = "task_store";
    public const string Bucket = "images";
}
