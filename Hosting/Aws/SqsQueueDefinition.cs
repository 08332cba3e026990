namespace Backend.Hosting.Aws;

/// <summary>An SQS standard queue and, unless <see cref="MaxReceiveCount"/> is null, its dead-letter queue.</summary>
/// <param name="Name">The queue name (letters, digits, - and _; at most 80).</param>
public sealed record SqsQueueDefinition(string Name)
{
    /// <summary>How long a received message stays invisible to other consumers.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the queue keeps a message: as long as a task record lives (TaskProcessing), so neither outlives the other.</summary>
    public TimeSpan MessageRetentionPeriod { get; init; } = TimeSpan.FromDays(4);

    /// <summary>The default long-poll wait of ReceiveMessage.</summary>
    public TimeSpan ReceiveMessageWaitTime { get; init; } = TimeSpan.Zero;

    /// <summary>Receives after which a message moves to the dead-letter queue; null for no dead-letter queue.</summary>
    public int? MaxReceiveCount { get; init; } = 5;

    /// <summary>The dead-letter queue's name; <c>{Name}-dlq</c> when null.</summary>
    public string? DeadLetterQueueName { get; init; }

    internal string ResolvedDeadLetterQueueName => DeadLetterQueueName ?? $"{Name}-dlq";
}
