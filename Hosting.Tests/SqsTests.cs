using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.Hosting.Aws;
using Backend.Hosting.Testing;

namespace Backend.Hosting.Tests;

public sealed class SqsTests(LocalDependenciesFixture dependencies)
{
    private IAmazonSQS Sqs => dependencies.Sqs;

    [Fact]
    public async Task MessageSentIsReceivedWithItsBody()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = await dependencies.CreateQueueAsync(new SqsQueueDefinition("tasks"), cancellationToken);

        await Sqs.SendMessageAsync(queue.Url, """{"task":"thumbnail"}""", cancellationToken);
        var received = await ReceiveAsync(queue.Url, waitSeconds: 5, cancellationToken);

        Assert.Equal("""{"task":"thumbnail"}""", Assert.Single(received).Body);
    }

    [Fact]
    public async Task ReceivedMessageStaysInvisibleUntilItsVisibilityTimeoutExpires()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = await dependencies.CreateQueueAsync(new SqsQueueDefinition("visibility") { VisibilityTimeout = TimeSpan.FromSeconds(1) }, cancellationToken);
        await Sqs.SendMessageAsync(queue.Url, "upscale", cancellationToken);

        var first = Assert.Single(await ReceiveAsync(queue.Url, waitSeconds: 5, cancellationToken));
        var whileInvisible = await ReceiveAsync(queue.Url, waitSeconds: 0, cancellationToken);
        var afterTimeout = await ReceiveAsync(queue.Url, waitSeconds: 10, cancellationToken);

        Assert.Empty(whileInvisible);
        var again = Assert.Single(afterTimeout);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal("2", again.Attributes[MessageSystemAttributeName.ApproximateReceiveCount]);
    }

    [Fact]
    public async Task SqsMessageMovesToDeadLetterQueueAfterMaxReceives()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = await dependencies.CreateQueueAsync(new SqsQueueDefinition("poison") { MaxReceiveCount = 2 }, cancellationToken);
        await Sqs.SendMessageAsync(queue.Url, "always fails", cancellationToken);

        // A consumer that fails twice: it gives the message back at once (visibility 0) each time.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Single(await ReceiveAsync(queue.Url, waitSeconds: 5, cancellationToken, visibilityTimeout: 0));
        }
        var third = await ReceiveAsync(queue.Url, waitSeconds: 1, cancellationToken);
        var deadLetters = await ReceiveAsync(queue.DeadLetterQueue!.Url, waitSeconds: 5, cancellationToken);

        Assert.Empty(third);
        Assert.Equal("always fails", Assert.Single(deadLetters).Body);
    }

    [Fact]
    public async Task CreatingAQueueTwiceReturnsTheSameQueue()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await dependencies.CreateQueueAsync(new SqsQueueDefinition("twice"), cancellationToken);

        var second = await Sqs.EnsureQueueAsync(new SqsQueueDefinition(first.Name), cancellationToken);

        Assert.Equal(first, second);
        Assert.EndsWith(":" + first.DeadLetterQueue!.Name, first.DeadLetterQueue.Arn, StringComparison.Ordinal);
    }

    private async Task<List<Message>> ReceiveAsync(string queueUrl, int waitSeconds, CancellationToken cancellationToken, int? visibilityTimeout = null)
    {
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = waitSeconds,
            VisibilityTimeout = visibilityTimeout,
            MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
        }, cancellationToken);
        return response.Messages ?? [];
    }
}
