using System.ComponentModel.DataAnnotations;

namespace Backend.TaskProcessing.Consumer;

/// <summary>How a worker consumes one queue (the aws-dotnet-messaging model, with a task lease on top).</summary>
public sealed class TaskConsumerOptions
{
    /// <summary>Whether the process consumes this queue at all (off for an API-only replica, and in some tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages held at once; each receive asks for <c>max - inFlight</c>, at most 10.</summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 4;

    /// <summary>Long-poll wait of each receive (20 s, the SQS maximum, keeps idle workers cheap).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Visibility a held message is given, renewed on every heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a task's lease lasts without a heartbeat; after that another worker may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often visibility and lease are renewed; well under both so one slow call does not lose them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay before a transiently failed task is retried; doubles with each receive.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often one message may be deferred (re-sent as a fresh copy, see <c>TaskAttempt.DeferAsync</c>)
    /// because the store or queue failed outside a handler; 288 at the 5-minute maximum delay is about a
    /// day of outage. Past it, failures count toward the queue's maxReceiveCount again.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxDeferrals { get; set; } = 288;

    /// <summary>Longest pause after failing receives (SQS unreachable); the pause doubles from 1 s up to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxReceiveBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On stop, how long in-flight tasks may run on before they are released for another worker.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
