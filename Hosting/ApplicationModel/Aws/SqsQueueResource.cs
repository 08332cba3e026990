namespace Backend.Hosting.ApplicationModel.Aws;

/// <summary>An SQS queue, optionally with a dead-letter queue that receives messages that keep failing.</summary>
/// <param name="name">The resource name (the <c>AWS__Resources__</c> key).</param>
public sealed class SqsQueueResource(string name) : AwsResource<SqsQueueAllocation>(name, AwsService.Sqs)
{
    /// <summary>Gets or sets how long a received message stays invisible to other consumers; null keeps SQS's 30 s.</summary>
    public TimeSpan? VisibilityTimeout { get; set; }

    /// <summary>Gets or sets when messages move to the dead-letter queue; null means the queue has no dead-letter queue.</summary>
    public SqsRedrivePolicy? RedrivePolicy { get; set; }

    /// <summary>Gets whether the queue has a dead-letter queue.</summary>
    public bool HasDeadLetterQueue => RedrivePolicy is not null;

    /// <inheritdoc/>
    public override IReadOnlyList<AwsOutputReference> Outputs =>
        !HasDeadLetterQueue
            ? [QueueUrl, QueueArn]
            : [QueueUrl, QueueArn, DeadLetterQueueUrl, DeadLetterQueueArn];

    private AwsOutputReference QueueUrl => Output("QueueUrl", a => a.QueueUrl.ToString());

    private AwsOutputReference QueueArn => Output("QueueArn", a => a.QueueArn);

    private AwsOutputReference DeadLetterQueueUrl => Output("DeadLetterQueueUrl", a => a.DeadLetterQueueUrl?.ToString() ?? MissingDeadLetterQueue());

    private AwsOutputReference DeadLetterQueueArn => Output("DeadLetterQueueArn", a => a.DeadLetterQueueArn ?? MissingDeadLetterQueue());

    private string MissingDeadLetterQueue() =>
        throw new InvalidOperationException($"{this} declares a dead-letter queue, but its allocation has none.");
}

/// <summary>The redrive policy: after <see cref="MaxReceiveCount"/> failed receives a message moves to the dead-letter queue.</summary>
/// <param name="MaxReceiveCount">Receives before the move (1 to 1000).</param>
public sealed record SqsRedrivePolicy(int MaxReceiveCount);

/// <summary>The queues the emulator created.</summary>
/// <param name="QueueUrl">The queue's URL.</param>
/// <param name="QueueArn">The queue's ARN.</param>
/// <param name="DeadLetterQueueUrl">The dead-letter queue's URL, when declared.</param>
/// <param name="DeadLetterQueueArn">The dead-letter queue's ARN, when declared.</param>
public sealed record SqsQueueAllocation(Uri QueueUrl, string QueueArn, Uri? DeadLetterQueueUrl = null, string? DeadLetterQueueArn = null);
