using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.ServiceDefaults.Aws;
using Microsoft.Extensions.Logging;

namespace Backend.TaskProcessing.Consumer;

/// <summary>
/// The receive loop of one queue, in aws-dotnet-messaging's model: long polls for at most
/// <c>MaxInFlight - inFlight</c> messages (10 at most), hands each to a <see cref="TaskAttempt"/>, backs
/// off exponentially while SQS fails, and on stop receives nothing more, lets in-flight tasks finish
/// for <see cref="TaskConsumerOptions.DrainTimeout"/> and then releases the rest to other workers.
/// </summary>
public sealed partial class TaskQueueConsumer(string queueUrl, TaskConsumerOptions options, IAmazonSQS sqs, TaskAttemptFactory attempts, ILogger<TaskQueueConsumer> logger)
{
    private static readonly List<string> SystemAttributes = ["ApproximateReceiveCount"];
    private readonly string _queueName = SqsTraceContext.QueueName(queueUrl);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // In-flight work is not cancelled by stoppingToken: on stop it may finish within the drain timeout.
        using var abort = new CancellationTokenSource();
        var running = new HashSet<Task>();
        var failures = 0;
        LogStarted(_queueName, options.MaxInFlight);
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveWhere(task => task.IsCompleted);
            var free = options.MaxInFlight - running.Count;
            if (free <= 0)
            {
                await ((Task)Task.WhenAny(running)).WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            try
            {
                foreach (var message in await ReceiveAsync(Math.Min(10, free), stoppingToken).ConfigureAwait(false))
                {
                    running.Add(Task.Run(() => attempts.Create(queueUrl, _queueName, options).RunAsync(message, abort.Token), CancellationToken.None));
                }
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                var delay = Backoff.Delay(TimeSpan.FromSeconds(1), options.MaxReceiveBackoff, ++failures);
                LogReceiveFailed(exception, _queueName, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        await DrainAsync(running, abort).ConfigureAwait(false);
    }

    private async Task<List<Message>> ReceiveAsync(int count, CancellationToken stoppingToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = count,
            WaitTimeSeconds = (int)options.WaitTime.TotalSeconds,
            VisibilityTimeout = (int)Math.Ceiling(options.VisibilityTimeout.TotalSeconds),
            MessageSystemAttributeNames = SystemAttributes,
            MessageAttributeNames = [.. SqsTraceContext.AttributeNames, TaskAttempt.DeferralsAttribute],
        }, stoppingToken).ConfigureAwait(false);
        return response.Messages ?? [];
    }

    private async Task DrainAsync(HashSet<Task> running, CancellationTokenSource abort)
    {
        running.RemoveWhere(task => task.IsCompleted);
        if (running.Count == 0)
        {
            return;
        }
        LogDraining(_queueName, running.Count, options.DrainTimeout.TotalSeconds);
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(options.DrainTimeout, CancellationToken.None)).ConfigureAwait(false) != all)
        {
            // Whatever is still running gives its task and message back (visibility 0) for another worker.
            await abort.CancelAsync().ConfigureAwait(false);
        }
        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(LogLevel.Information, "Consuming {Queue} with at most {MaxInFlight} messages in flight")]
    private partial void LogStarted(string queue, int maxInFlight);

    [LoggerMessage(LogLevel.Warning, "Receiving from {Queue} failed; retrying in {DelaySeconds:F1} s")]
    private partial void LogReceiveFailed(Exception exception, string queue, double delaySeconds);

    [LoggerMessage(LogLevel.Information, "Stopping {Queue}: waiting up to {DrainSeconds} s for {Count} in-flight tasks")]
    private partial void LogDraining(string queue, int count, double drainSeconds);
}
