using System.Text.Json;

namespace Backend.TaskProcessing.Tasks;

/// <summary>
/// A task as stored in <c>task_store</c>. The record is also the outbox entry of its queue message:
/// <see cref="Unsent"/> stays true until the message is known to be on the queue.
/// </summary>
public sealed record TaskRecord
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required TaskState Status { get; init; }
    public string? SessionId { get; init; }
    public string? InputKey { get; init; }
    public required string OutputPrefix { get; init; }

    /// <summary>The parameters with their defaults filled in (see <see cref="TaskParameters"/>).</summary>
    public required JsonElement Parameters { get; init; }

    public int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? Error { get; init; }
    public TaskResult? Result { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>A hash of the submitted request, to tell a retried submit from a different one under the same key.</summary>
    public string? RequestHash { get; init; }

    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>True while the task's queue message may not have been sent yet.</summary>
    public bool Unsent { get; init; }

    public string Queue => TaskTypes.QueueFor(Type);
}
