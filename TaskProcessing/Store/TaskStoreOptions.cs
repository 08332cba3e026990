using System.ComponentModel.DataAnnotations;

namespace Backend.TaskProcessing.Store;

public sealed class TaskStoreOptions
{
    public const string SectionName = "TaskStore";

    /// <summary>The physical table name; from <c>AWS__Resources__task_store__TableName</c> when not set.</summary>
    [Required]
    public string TableName { get; set; } = "";

    /// <summary>How long finished tasks are kept before DynamoDB's TTL may delete them.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
