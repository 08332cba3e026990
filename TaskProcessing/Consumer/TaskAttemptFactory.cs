using Amazon.SQS;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Telemetry;
using Microsoft.Extensions.Logging;

namespace Backend.TaskProcessing.Consumer;

/// <summary>Makes the <see cref="TaskAttempt"/> for each received message, with the handlers of this process.</summary>
public sealed class TaskAttemptFactory(
    IAmazonSQS sqs, ITaskStore store, IEnumerable<ITaskHandler> handlers, TaskMetrics metrics, TimeProvider clock, ILogger<TaskAttempt> logger)
{
    // As with DI itself, the last handler registered for a type wins (a test or a host can override one).
    private readonly Dictionary<string, ITaskHandler> _handlers = handlers
        .GroupBy(handler => handler.TaskType, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);

    public TaskAttempt Create(string queueUrl, string queueName, TaskConsumerOptions options) =>
        new(new TaskAttemptContext(queueUrl, queueName, options, sqs, store, _handlers, metrics, clock), logger);
}

public sealed record TaskAttemptContext(
    string QueueUrl,
    string QueueName,
    TaskConsumerOptions Options,
    IAmazonSQS Sqs,
    ITaskStore Store,
    IReadOnlyDictionary<string, ITaskHandler> Handlers,
    TaskMetrics Metrics,
    TimeProvider Clock);
