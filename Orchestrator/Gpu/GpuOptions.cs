using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The GPU instance controller's settings (section <c>Gpu</c>). The instance, queue and table names
/// default to the AWS resources the AppHost references (<c>AWS__Resources__gpu-instance__InstanceId</c>,
/// <c>…gpu_tasks_queue__QueueUrl</c>, <c>…task_store__TableName</c>).
/// </summary>
public sealed partial class GpuOptions : IValidatableObject
{
    public const string SectionName = "Gpu";

    /// <summary>False turns the controller off (no polling, no lease); the API still answers.</summary>
    public bool Enabled { get; set; } = true;

    public string InstanceId { get; set; } = "";

    public string QueueUrl { get; set; } = "";

    /// <summary>The table holding the controller's lease item (the task store).</summary>
    public string TableName { get; set; } = "";

    /// <summary>How often queue depth and instance state are read and a decision is made.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the queue must stay empty (nothing visible, in flight or delayed) before a running instance is stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an instance may stay pending before the controller reports it as an error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a stop may stay in stopping before the controller repeats it with Force (an instance stuck in stopping).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a replica's leadership lasts without renewal; another replica takes over only after it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a manual stop keeps the controller from starting the instance again for queued work (0: start on the next poll).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ManualStopHold { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest wait between polls after repeated failures (polls back off exponentially from <see cref="PollInterval"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        foreach (var (value, name, variable) in new[]
        {
            (InstanceId, nameof(InstanceId), "AWS__Resources__gpu-instance__InstanceId"),
            (QueueUrl, nameof(QueueUrl), "AWS__Resources__gpu_tasks_queue__QueueUrl"),
            (TableName, nameof(TableName), "AWS__Resources__task_store__TableName"),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"Gpu:{name} is required: set it or {variable}.", [name]);
            }
        }
        if (!string.IsNullOrWhiteSpace(InstanceId) && !InstanceIdFormat().IsMatch(InstanceId))
        {
            yield return new ValidationResult($"Gpu:InstanceId '{InstanceId}' is not an EC2 instance id (i- and 8 or 17 hex digits).", [nameof(InstanceId)]);
        }
        // A lease that can lapse between two renewals would hand leadership back and forth.
        if (LeaseDuration < PollInterval * 2)
        {
            yield return new ValidationResult(
                $"Gpu:LeaseDuration ({LeaseDuration}) must be at least twice Gpu:PollInterval ({PollInterval}).",
                [nameof(LeaseDuration), nameof(PollInterval)]);
        }
    }

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex InstanceIdFormat();
}
