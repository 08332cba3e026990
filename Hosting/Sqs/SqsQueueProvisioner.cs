using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;

namespace Backend.Hosting.Sqs;

/// <summary>Creates a queue in fauxqs and keeps its message counts current in the dashboard.</summary>
internal static class SqsQueueProvisioner
{
    private static readonly TimeSpan CountsInterval = TimeSpan.FromSeconds(2);

    public static Task ProvisionAsync(SqsQueueResource queue, IServiceProvider services, CancellationToken cancellationToken) =>
        AwsProvisioning.ProvisionAsync(queue, services, async ct =>
        {
            SqsQueue created;
            using (var client = await CreateClientAsync(queue, ct).ConfigureAwait(false))
            {
                created = await client.EnsureQueueAsync(queue.Definition, ct).ConfigureAwait(false);
            }
            queue.Queue = created;
            AwsProvisioning.KeepCurrent(queue, services, CountsInterval, await CreateClientAsync(queue, ct).ConfigureAwait(false),
                (client, token) => ReadCountsAsync(client, created, token));
            var outputs = new Dictionary<string, string>(StringComparer.Ordinal) { ["QueueUrl"] = created.Url, ["QueueArn"] = created.Arn };
            List<UrlSnapshot> urls = [new("queue", created.Url, IsInternal: false)];
            List<ResourcePropertySnapshot> properties =
            [
                new("queue.url", created.Url),
                new("queue.arn", created.Arn),
                new("queue.visibility-timeout", $"{queue.Definition.VisibilityTimeout.TotalSeconds} s"),
            ];
            if (created.DeadLetterQueue is { } deadLetters)
            {
                outputs["DeadLetterQueueUrl"] = deadLetters.Url;
                outputs["DeadLetterQueueArn"] = deadLetters.Arn;
                urls.Add(new("dead-letter queue", deadLetters.Url, IsInternal: false));
                properties.Add(new("queue.dead-letter.url", deadLetters.Url));
                properties.Add(new("queue.dead-letter.max-receive-count", queue.Definition.MaxReceiveCount));
            }
            return new ProvisionedResource(outputs, urls, properties);
        }, cancellationToken);

    /// <summary>A client for the queue's fauxqs (the dashboard commands use one too).</summary>
    public static async Task<IAmazonSQS> CreateClientAsync(SqsQueueResource queue, CancellationToken cancellationToken)
    {
        var url = await queue.Parent.Endpoint.GetValueAsync(cancellationToken).ConfigureAwait(false);
        return AwsEmulatorClients.CreateSqsClient(new Uri(url!));
    }

    private static async Task<IReadOnlyList<ResourcePropertySnapshot>> ReadCountsAsync(IAmazonSQS sqs, SqsQueue queue, CancellationToken cancellationToken)
    {
        var (visible, inFlight) = await CountAsync(sqs, queue.Url, cancellationToken).ConfigureAwait(false);
        List<ResourcePropertySnapshot> counts = [new("messages.visible", visible), new("messages.in-flight", inFlight)];
        if (queue.DeadLetterQueue is { } deadLetters)
        {
            counts.Add(new("messages.dead-lettered", (await CountAsync(sqs, deadLetters.Url, cancellationToken).ConfigureAwait(false)).Visible));
        }
        return counts;
    }

    public static async Task<(int Visible, int InFlight)> CountAsync(IAmazonSQS sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        }, cancellationToken).ConfigureAwait(false);
        return (Parse(attributes, QueueAttributeName.ApproximateNumberOfMessages), Parse(attributes, QueueAttributeName.ApproximateNumberOfMessagesNotVisible));
    }

    private static int Parse(GetQueueAttributesResponse response, string name) =>
        response.Attributes.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
}
