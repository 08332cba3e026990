using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SQS;
using Backend.Hosting.Sqs;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>A queue with its dead-letter queue and redrive, encrypted, TLS only.</summary>
internal sealed class QueueResource : StackResource
{
    // The longest SQS allows: a dead letter is evidence of a failed task to inspect, not to lose.
    private static readonly Duration DeadLetterRetention = Duration.Days(14);

    // What the task consumer and producer call (TaskProcessing): send, long-poll, extend visibility, delete, depth.
    private static readonly string[] Actions =
        ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

    private readonly Queue _queue;
    private readonly Queue? _deadLetters;

    public QueueResource(Construct scope, SqsQueueResource resource) : base(resource)
    {
        var definition = resource.Definition;
        if (definition.MaxReceiveCount is { } maxReceiveCount)
        {
            _deadLetters = new Queue(scope, Id(resource.Name) + "DeadLetters", new QueueProps
            {
                RetentionPeriod = DeadLetterRetention,
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
            });
        }

        _queue = new Queue(scope, Id(resource.Name), new QueueProps
        {
            VisibilityTimeout = Duration.Seconds(definition.VisibilityTimeout.TotalSeconds),
            RetentionPeriod = Duration.Seconds(definition.MessageRetentionPeriod.TotalSeconds),
            ReceiveMessageWaitTime = Duration.Seconds(definition.ReceiveMessageWaitTime.TotalSeconds),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            DeadLetterQueue = _deadLetters is null ? null : new DeadLetterQueue { Queue = _deadLetters, MaxReceiveCount = definition.MaxReceiveCount!.Value },
        });
    }

    public Queue Queue => _queue;

    public override string Output(string name) => name switch
    {
        "QueueUrl" => _queue.QueueUrl,
        "QueueArn" => _queue.QueueArn,
        "DeadLetterQueueUrl" when _deadLetters is not null => _deadLetters.QueueUrl,
        "DeadLetterQueueArn" when _deadLetters is not null => _deadLetters.QueueArn,
        _ => throw UnknownOutput(name),
    };

    public override IEnumerable<PolicyStatement> Permissions() =>
        [Allow(Actions, _deadLetters is null ? [_queue.QueueArn] : [_queue.QueueArn, _deadLetters.QueueArn])];
}
