using System.ComponentModel.DataAnnotations;
using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.ServiceDefaults.Aws;
using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Backend.TaskProcessing.Telemetry;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Workers;

public sealed class DeadLetterOptions
{
    public const string SectionName = "Workers:DeadLetter";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Ends the tasks whose messages the queues gave up on: each message on a dead-letter queue (after the
/// queue's maxReceiveCount) turns its task <c>failed</c> with the reason, then is deleted, but only a
/// task nobody works on (queued, or running under an expired lease): a dead-lettered duplicate of a
/// task whose worker still holds the lease waits for that lease instead. The orchestrator
/// consumes the GPU queue's dead letters too, since the GPU worker is down whenever the instance is.
/// </summary>
public sealed partial class DeadLetterWorker(
    IAmazonSQS sqs, ITaskStore store, TaskQueueAddresses queues, TaskMetrics metrics, TimeProvider clock,
    IOptions<DeadLetterOptions> options, ILogger<DeadLetterWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? Task.WhenAll(new[] { TaskQueueNames.Cpu, TaskQueueNames.Gpu }
            .Select(queues.DeadLetterQueueUrl)
            .OfType<string>()
            .Select(url => ConsumeAsync(url, stoppingToken)))
        : Task.CompletedTask;

    private async Task ConsumeAsync(string queueUrl, CancellationToken stoppingToken)
    {
        var queueName = SqsTraceContext.QueueName(queueUrl);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = (int)options.Value.WaitTime.TotalSeconds,
                    MessageAttributeNames = [.. SqsTraceContext.AttributeNames],
                }, stoppingToken).ConfigureAwait(false);
                foreach (var message in response.Messages ?? [])
                {
                    await HandleAsync(queueUrl, queueName, message, stoppingToken).ConfigureAwait(false);
                }
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(++failures, 5))));
                LogReceiveFailed(exception, queueName, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HandleAsync(string queueUrl, string queueName, Message message, CancellationToken cancellationToken)
    {
        using var activity = SqsTraceContext.StartProcessing(message, queueName);
        metrics.DeadLettered(queueName);
        // A store that cannot be read throws out of here: the message stays, and is looked at again later.
        if (TaskMessage.TryParse(message.Body) is not { } parsed || await store.GetAsync(parsed.TaskId, cancellationToken).ConfigureAwait(false) is not { } task)
        {
            LogNotATask(message.MessageId, queueName, message.Body?[..Math.Min(message.Body.Length, 200)]);
            await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
            return;
        }
        activity?.SetTag("task.id", task.Id);
        var reason = $"the task's message was moved to the dead-letter queue after {task.Attempts} attempt(s)" +
            (task.Error is { Length: > 0 } last ? $"; last error: {last}" : "; no attempt reported an error");
        if (await store.FailAbandonedAsync(task.Id, reason, cancellationToken).ConfigureAwait(false))
        {
            metrics.Finished(task.Type, "failed");
            LogTaskFailed(task.Id, reason);
        }
        else if (await store.GetAsync(task.Id, cancellationToken).ConfigureAwait(false) is { Status: TaskState.Running, LeaseExpiresAt: { } expires })
        {
            // One copy of the message gave up (a duplicate that kept finding the task busy), but a worker
            // holds the lease and works on: keep this copy as a backstop, and look again once that lease is due.
            var wait = expires - clock.GetUtcNow() + TimeSpan.FromSeconds(1);
            var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, 43_200);
            LogStillRunning(task.Id, seconds);
            await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, seconds, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Finished (or gone) meanwhile: nothing is left to fail.
        await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Information, "Dead letter for task {TaskId}, which a worker still holds; looking again in {Seconds} s")]
    private partial void LogStillRunning(string taskId, int seconds);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId} failed: {Reason}")]
    private partial void LogTaskFailed(string taskId, string reason);

    [LoggerMessage(LogLevel.Error, "Dead letter {MessageId} on {Queue} names no known task; dropping it. Body: {Body}")]
    private partial void LogNotATask(string messageId, string queue, string? body);

    [LoggerMessage(LogLevel.Warning, "Receiving from {Queue} failed; retrying in {DelaySeconds} s")]
    private partial void LogReceiveFailed(Exception exception, string queue, double delaySeconds);
}
