using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS.Model;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Backend.ServiceDefaults.Aws;

/// <summary>
/// W3C trace context carried in SQS message attributes (<c>traceparent</c>, <c>tracestate</c>,
/// <c>baggage</c>), so that a consumer's processing span joins the trace of the request that sent the
/// message. Producers get it for free from the AWS SDK tracing handler; consumers call
/// <see cref="StartProcessing"/>.
/// </summary>
public static class SqsTraceContext
{
    private const int MaxMessageAttributes = 10;
    private static readonly ActivitySource Source = new(BackendTelemetry.MessagingSourceName);

    /// <summary>The message attribute names to ask for in a <c>ReceiveMessageRequest</c>.</summary>
    public static IReadOnlyList<string> AttributeNames { get; } = ["traceparent", "tracestate", "baggage"];

    /// <summary>
    /// Starts the consumer span for processing <paramref name="message"/> from <paramref name="queueName"/>,
    /// as a child of the span that sent it when the message carries a trace context.
    /// </summary>
    public static Activity? StartProcessing(Message message, string queueName)
    {
        var parent = Propagators.DefaultTextMapPropagator.Extract(default, message, ReadAttribute);
        Baggage.Current = parent.Baggage;
        var activity = Source.StartActivity($"{queueName} process", ActivityKind.Consumer, parent.ActivityContext);
        activity?.SetTag("messaging.system", "aws_sqs");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", queueName);
        activity?.SetTag("messaging.message.id", message.MessageId);
        return activity;
    }

    /// <summary>The queue name at the end of a queue URL.</summary>
    public static string QueueName(string queueUrl) => queueUrl[(queueUrl.LastIndexOf('/') + 1)..];

    internal static void Inject(Activity activity, AmazonWebServiceRequest request)
    {
        var context = new PropagationContext(activity.Context, Baggage.Current);
        switch (request)
        {
            case SendMessageRequest send:
                send.MessageAttributes = InjectInto(send.MessageAttributes, context);
                break;
            case SendMessageBatchRequest batch:
                foreach (var entry in batch.Entries ?? [])
                {
                    entry.MessageAttributes = InjectInto(entry.MessageAttributes, context);
                }
                break;
        }
    }

    private static Dictionary<string, MessageAttributeValue> InjectInto(
        Dictionary<string, MessageAttributeValue>? attributes, PropagationContext context)
    {
        attributes ??= [];
        // SQS rejects a message with more than 10 attributes: a message that would exceed the limit is
        // sent untouched, losing only the link between the two traces.
        if (attributes.Count + AttributeNames.Count <= MaxMessageAttributes)
        {
            Propagators.DefaultTextMapPropagator.Inject(context, attributes, static (carrier, name, value) =>
                carrier[name] = new MessageAttributeValue { DataType = "String", StringValue = value });
        }
        return attributes;
    }

    private static IEnumerable<string> ReadAttribute(Message message, string name) =>
        message.MessageAttributes?.TryGetValue(name, out var value) == true && value.StringValue is { } text
            ? [text]
            : [];
}
