using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.Hosting.Ec2;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// What runs "on" the emulated GPU instance: it counts starts and stops and, when given a queue,
/// drains it like the GpuWorker does (receive, work, delete) while running, releasing the messages
/// it holds when the instance stops, as the GpuWorker does on SIGTERM.
/// </summary>
internal sealed class GpuTestBackend(IAmazonSQS? sqs = null, string? queueUrl = null, TimeSpan? workTime = null) : IEc2InstanceBackend
{
    private int _starts;
    private int _stops;
    private int _processed;
    private int _held;
    private int _forcedStops;
    private CancellationTokenSource? _running;
    private Task _draining = Task.CompletedTask;

    public int Starts => Volatile.Read(ref _starts);

    public int Stops => Volatile.Read(ref _stops);

    public int Processed => Volatile.Read(ref _processed);

    /// <summary>When set, a graceful stop never finishes (an instance stuck in stopping); only a forced stop does.</summary>
    public bool HangGracefulStops { get; set; }

    public int ForcedStops => Volatile.Read(ref _forcedStops);

    /// <summary>When set, the first message the drainer takes stays in flight until the instance stops.</summary>
    public bool HoldFirstMessage { get; set; }

    public Task StartAsync(string instanceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        if (sqs is not null && queueUrl is not null)
        {
            _running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _draining = DrainAsync(sqs, queueUrl, _running.Token);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stops);
        if (force)
        {
            Interlocked.Increment(ref _forcedStops);
        }
        else if (HangGracefulStops)
        {
            // The emulator cancels this token when a forced stop is requested.
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (_running is { } running)
        {
            await running.CancelAsync();
            await _draining;
            running.Dispose();
            _running = null;
        }
    }

    private async Task DrainAsync(IAmazonSQS client, string url, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            // Not cancelled mid-call: messages a cancelled receive took would be lost in flight; the loop releases them instead.
            var received = await client.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 30 }, CancellationToken.None);
            foreach (var message in received.Messages ?? [])
            {
                try
                {
                    await Task.Delay(workTime ?? TimeSpan.FromMilliseconds(20), stopping);
                    if (HoldFirstMessage && Interlocked.Exchange(ref _held, 1) == 0)
                    {
                        await Task.Delay(Timeout.Infinite, stopping);
                    }
                    await client.DeleteMessageAsync(url, message.ReceiptHandle, CancellationToken.None);
                    Interlocked.Increment(ref _processed);
                }
                catch (OperationCanceledException)
                {
                    // Shutting down mid-task: hand the message back at once, as the GpuWorker does on SIGTERM.
                    await client.ChangeMessageVisibilityAsync(url, message.ReceiptHandle, 0, CancellationToken.None);
                }
            }
        }
    }
}
