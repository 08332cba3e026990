using System.Globalization;
using Amazon.SQS.Model;

namespace Backend.TaskProcessing.Consumer;

// SQS counts every receive toward maxReceiveCount, whatever went wrong. When the task store is down,
// every receive fails before the handler runs, and a minute of outage would dead-letter the queued
// tasks for good. So a failure outside the handler re-sends the message as a fresh copy (receive count
// 0) with a growing delay, and deletes the old one: an outage costs time, not work. A duplicate (the
// delete failed) is harmless: the task's lease makes the second copy a no-op.
public sealed partial class TaskAttempt
{
    /// <summary>Message attribute: how often this message was deferred, which sets the next delay and bounds the total.</summary>
    public const string DeferralsAttribute = "task-deferrals";

    // SQS's largest DelaySeconds.
    private const int MaxDelaySeconds = 900;

    private async Task DeferAsync(Message message)
    {
        var deferrals = Deferrals(message) + 1;
        if (deferrals <= context.Options.MaxDeferrals)
        {
            var delay = Math.Min(MaxDelaySeconds, Seconds(Backoff.Delay(context.Options.RetryDelay, context.Options.MaxRetryDelay, deferrals)));
            try
            {
                using var deadline = new CancellationTokenSource(FinalWriteTimeout);
                var attributes = new Dictionary<string, MessageAttributeValue>(message.MessageAttributes ?? [])
                {
                    [DeferralsAttribute] = new() { DataType = "Number", StringValue = deferrals.ToString(CultureInfo.InvariantCulture) },
                };
                await context.Sqs.SendMessageAsync(new SendMessageRequest
                {
                    QueueUrl = context.QueueUrl,
                    MessageBody = message.Body,
                    DelaySeconds = delay,
                    MessageAttributes = attributes,
                }, deadline.Token).ConfigureAwait(false);
                await DeleteAsync(message, deadline.Token).ConfigureAwait(false);
                LogDeferred(message.MessageId, deferrals, delay);
                return;
            }
            catch (Exception exception)
            {
                LogDeferFailed(exception, message.MessageId);
            }
        }
        // SQS itself failing, or a message deferred too often: this receive counts, as SQS counts it.
        await TryChangeVisibilityAsync(message, Backoff.Delay(context.Options.RetryDelay, context.Options.MaxRetryDelay, ReceiveCount(message))).ConfigureAwait(false);
    }

    internal static int Deferrals(Message message) =>
        message.MessageAttributes?.TryGetValue(DeferralsAttribute, out var value) == true
            && int.TryParse(value.StringValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0 ? count : 0;
}
