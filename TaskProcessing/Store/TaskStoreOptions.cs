using System.ComponentModel.DataAnnotations;

namespace Backend.TaskProcessing.Store;

public sealed class TaskStoreOptions
{
    public const string SectionName = "TaskStore";

    /// <summary>The physical table name; from <c>AWS__Resources__task_store__TableName</c> when not set.</summary>
    [Required]
    public string TableName { get; set; } = "";

    /// <summary>
    /// How long after its creation a task is kept before DynamoDB's TTL may delete it. It matches how long
    /// the queues keep a message (4 days, the SQS default the queues are created with): a record that
    /// outlived its message would stay <c>queued</c> for good, with nothing left to run it. Raise the two
    /// together; SQS keeps a message at most 14 days.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(4);
}
