using Amazon.SQS;
using Backend.TaskProcessing.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backend.TaskProcessing.Consumer;

/// <summary>Builds the consumer of a queue with the options registered under the queue's name.</summary>
public sealed class TaskQueueConsumerFactory(
    IAmazonSQS sqs, TaskAttemptFactory attempts, TaskQueueAddresses queues, IOptionsMonitor<TaskConsumerOptions> options, ILogger<TaskQueueConsumer> logger)
{
    public TaskConsumerOptions Options(string queue) => options.Get(queue);

    public TaskQueueConsumer Create(string queue, TaskConsumerOptions? overrides = null) =>
        new(queues.QueueUrl(queue), overrides ?? options.Get(queue), sqs, attempts, logger);
}
