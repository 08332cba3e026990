using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Backend.TaskProcessing.Queues;

/// <summary>
/// Queue URLs by resource name, read from <c>AWS__Resources__&lt;queue&gt;__QueueUrl</c> (and
/// <c>__DeadLetterQueueUrl</c>), the variables the AppHost sets for each referenced queue.
/// </summary>
public sealed class TaskQueueAddresses(IConfiguration configuration)
{
    public string QueueUrl(string queue) => configuration.GetAwsResource(queue, "QueueUrl");

    /// <summary>The dead-letter queue's URL, or null when the queue has none configured.</summary>
    public string? DeadLetterQueueUrl(string queue) =>
        configuration[$"{AwsResourceConfiguration.SectionName}:{queue}:DeadLetterQueueUrl"] is { Length: > 0 } url ? url : null;

    public bool IsConfigured(string queue) =>
        !string.IsNullOrEmpty(configuration[$"{AwsResourceConfiguration.SectionName}:{queue}:QueueUrl"]);
}
