using System.Collections.Concurrent;
using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.Hosting.Ec2;

namespace Backend.Benchmarks.Gpu;

/// <summary>
/// The work "on" the emulated GPU instance, as the GpuWorker does it: while the instance runs,
/// receive from the GPU queue, work for a fixed time per message, delete; on stop, hand back what
/// it holds. It records when each burst's messages were done, which is when the GPU work ended.
/// </summary>
internal sealed class DrainingGpuBackend(IAmazonSQS sqs, string queueUrl, TimeSpan bootTime, TimeSpan workTime, TimeProvider time)
    : IEc2InstanceBackend
{
    private CancellationTokenSource? _running;
    private Task _draining = Task.CompletedTask;

    /// <summary>When each message (by the burst number in its body) was done.</summary>
    public ConcurrentQueue<(int Burst, DateTimeOffset DoneAt)> Done { get; } = new();

    public Task StartAsync(string instanceId, CancellationToken cancellationToken)
    {
        _running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _draining = Task.Run(() => DrainAsync(_running.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken)
    {
        if (_running is { } running)
        {
            await running.CancelAsync().ConfigureAwait(false);
            await _draining.ConfigureAwait(false);
            running.Dispose();
            _running = null;
        }
    }

    private async Task DrainAsync(CancellationToken stopping)
    {
        // The worker can only receive once the instance has booted, which is when EC2 calls it running.
        try
        {
            await Task.Delay(bootTime, time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stopping.IsCancellationRequested)
        {
            // Not cancelled mid-call, so that no message is lost in flight; what arrives after the stop is handed back.
            var received = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 1, WaitTimeSeconds = 1, VisibilityTimeout = 60 },
                CancellationToken.None).ConfigureAwait(false);
            foreach (var message in received.Messages ?? [])
            {
                try
                {
                    await Task.Delay(workTime, time, stopping).ConfigureAwait(false);
                    await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, CancellationToken.None).ConfigureAwait(false);
                    Done.Enqueue((int.Parse(message.Body, System.Globalization.CultureInfo.InvariantCulture), time.GetUtcNow()));
                }
                catch (OperationCanceledException)
                {
                    await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, 0, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }
}
