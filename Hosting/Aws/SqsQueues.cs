using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Backend.Hosting.Aws;

/// <summary>Creates SQS queues from <see cref="SqsQueueDefinition"/>s.</summary>
public static class SqsQueues
{
    /// <summary>
    /// Creates the queue and its dead-letter queue with the redrive policy; a queue that already
    /// exists with the same attributes is simply returned.
    /// </summary>
    public static async Task<SqsQueue> EnsureQueueAsync(this IAmazonSQS sqs, SqsQueueDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(definition);
        SqsQueue? deadLetter = null;
        var attributes = new Dictionary<string, string>
        {
            [QueueAttributeName.VisibilityTimeout] = Seconds(definition.VisibilityTimeout),
            [QueueAttributeName.MessageRetentionPeriod] = Seconds(definition.MessageRetentionPeriod),
            [QueueAttributeName.ReceiveMessageWaitTimeSeconds] = Seconds(definition.ReceiveMessageWaitTime),
        };
        if (definition.MaxReceiveCount is { } maxReceiveCount)
        {
            // The longest retention SQS allows, so a dead letter outlives the message's original retention.
            deadLetter = await CreateAsync(sqs, definition.ResolvedDeadLetterQueueName, new()
            {
                [QueueAttributeName.MessageRetentionPeriod] = Seconds(TimeSpan.FromDays(14)),
            }, null, cancellationToken).ConfigureAwait(false);
            attributes[QueueAttributeName.RedrivePolicy] = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["deadLetterTargetArn"] = deadLetter.Arn,
                ["maxReceiveCount"] = maxReceiveCount,
            });
        }
        return await CreateAsync(sqs, definition.Name, attributes, deadLetter, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SqsQueue> CreateAsync(IAmazonSQS sqs, string name, Dictionary<string, string> attributes, SqsQueue? deadLetter, CancellationToken cancellationToken)
    {
        var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, cancellationToken).ConfigureAwait(false);
        var arn = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = created.QueueUrl,
            AttributeNames = [QueueAttributeName.QueueArn],
        }, cancellationToken).ConfigureAwait(false);
        return new SqsQueue(name, created.QueueUrl, arn.QueueARN, deadLetter);
    }

    private static string Seconds(TimeSpan value) => ((int)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
