using Amazon.SQS.Model;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Backend.Hosting.Sqs;

/// <summary>The dashboard commands of a queue: what a developer does by hand while debugging task flow.</summary>
internal static class SqsQueueCommands
{
    public const string RedriveCommand = "redrive-dead-letters";
    public const string PurgeCommand = "purge";

    public static IResourceBuilder<SqsQueueResource> WithQueueCommands(this IResourceBuilder<SqsQueueResource> builder)
    {
        var queue = builder.Resource;
        return builder
            .WithCommand(RedriveCommand, "Redrive dead letters", context => RedriveAsync(queue, context.CancellationToken), new CommandOptions
            {
                Description = "Moves every message of the dead-letter queue back to the queue, to be processed again.",
                IconName = "ArrowReply",
                UpdateState = context => queue.Queue?.DeadLetterQueue is null ? ResourceCommandState.Disabled : ReadyState(context),
            })
            .WithCommand(PurgeCommand, "Purge", context => PurgeAsync(queue, context.CancellationToken), new CommandOptions
            {
                Description = "Deletes every message in the queue (not in its dead-letter queue).",
                ConfirmationMessage = $"Delete every message in {queue.PhysicalName}? Their tasks will not run.",
                IconName = "Delete",
                UpdateState = ReadyState,
            });
    }

    private static ResourceCommandState ReadyState(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    /// <summary>Receives from the dead-letter queue, sends each message to the queue, then deletes it: nothing is lost midway.</summary>
    public static async Task<ExecuteCommandResult> RedriveAsync(SqsQueueResource queue, CancellationToken cancellationToken)
    {
        if (queue.Queue is not { DeadLetterQueue: { } deadLetters } created)
        {
            return CommandResults.Failure($"{queue.PhysicalName} has no dead-letter queue.");
        }
        using var sqs = await SqsQueueProvisioner.CreateClientAsync(queue, cancellationToken).ConfigureAwait(false);
        var moved = 0;
        while (true)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = deadLetters.Url,
                MaxNumberOfMessages = 10,
                MessageAttributeNames = ["All"],
                VisibilityTimeout = 30,
            }, cancellationToken).ConfigureAwait(false);
            if (received.Messages is not { Count: > 0 } messages)
            {
                return CommandResults.Success($"Moved {moved} message(s) back to {queue.PhysicalName}.");
            }
            foreach (var message in messages)
            {
                await sqs.SendMessageAsync(new SendMessageRequest
                {
                    QueueUrl = created.Url,
                    MessageBody = message.Body,
                    MessageAttributes = message.MessageAttributes,
                }, cancellationToken).ConfigureAwait(false);
                await sqs.DeleteMessageAsync(deadLetters.Url, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }
    }

    public static async Task<ExecuteCommandResult> PurgeAsync(SqsQueueResource queue, CancellationToken cancellationToken)
    {
        if (queue.Queue is not { } created)
        {
            return CommandResults.Failure($"{queue.PhysicalName} is not created yet.");
        }
        using var sqs = await SqsQueueProvisioner.CreateClientAsync(queue, cancellationToken).ConfigureAwait(false);
        await sqs.PurgeQueueAsync(created.Url, cancellationToken).ConfigureAwait(false);
        return CommandResults.Success($"Purged {queue.PhysicalName}.");
    }
}
