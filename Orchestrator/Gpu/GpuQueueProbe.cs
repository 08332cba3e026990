using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Gpu;

/// <summary>Reads the GPU queue's depth. SQS's counts are approximate; the idle timeout is what absorbs their lag.</summary>
internal sealed class GpuQueueProbe(IAmazonSQS sqs, IOptions<GpuOptions> options)
{
    private static readonly List<string> DepthAttributes =
    [
        QueueAttributeName.ApproximateNumberOfMessages,
        QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
        QueueAttributeName.ApproximateNumberOfMessagesDelayed,
    ];

    public async Task<GpuQueueDepth> ReadDepthAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = options.Value.QueueUrl, AttributeNames = DepthAttributes },
            cancellationToken).ConfigureAwait(false);
        var attributes = response.Attributes ?? [];
        return new GpuQueueDepth(
            Count(attributes, QueueAttributeName.ApproximateNumberOfMessages),
            Count(attributes, QueueAttributeName.ApproximateNumberOfMessagesNotVisible),
            Count(attributes, QueueAttributeName.ApproximateNumberOfMessagesDelayed));
    }

    private static int Count(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;
}
