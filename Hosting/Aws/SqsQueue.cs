using System.Diagnostics.CodeAnalysis;

namespace Backend.Hosting.Aws;

/// <summary>A queue that exists.</summary>
/// <param name="Name">The queue name.</param>
/// <param name="Url">The queue URL, which SQS calls take.</param>
/// <param name="Arn">The queue ARN, which policies and redrive policies take.</param>
/// <param name="DeadLetterQueue">Its dead-letter queue, if it has one.</param>
[SuppressMessage("Naming", "CA1711", Justification = "It is an SQS queue, not a Queue<T>.")]
public sealed record SqsQueue(string Name, string Url, string Arn, SqsQueue? DeadLetterQueue);
