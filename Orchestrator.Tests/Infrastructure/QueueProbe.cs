using Amazon.SQS;
using Amazon.SQS.Model;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>Looks at a queue with the raw SDK, the way an operator would.</summary>
public static class QueueProbe
{
    /// <summary>Visible plus in-flight messages.</summary>
    public static async Task<int> CountAsync(IAmazonSQS sqs, string queueUrl)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl,
            ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], TestContext.Current.CancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    public static async Task<List<Message>> ReceiveAsync(IAmazonSQS sqs, string queueUrl, int visibilitySeconds = 30, int waitSeconds = 1)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = waitSeconds,
            VisibilityTimeout = visibilitySeconds,
        }, TestContext.Current.CancellationToken);
        return response.Messages ?? [];
    }

    public static async Task WaitUntilEmptyAsync(IAmazonSQS sqs, string queueUrl, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (await CountAsync(sqs, queueUrl) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Queue {queueUrl} still holds messages.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
