using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Emulators;
using Backend.Hosting.Publishing.CloudFormation;

namespace Backend.Hosting.Sqs;

/// <summary>An SQS standard queue and, when declared, its dead-letter queue with a redrive policy.</summary>
/// <param name="name">The resource name.</param>
/// <param name="definition">The queue: its physical name, visibility timeout, dead-letter queue.</param>
/// <param name="emulator">The local stand-in it lives in.</param>
public sealed class SqsQueueResource(string name, SqsQueueDefinition definition, FauxqsResource emulator)
    : AwsResource(name, definition.Name), IResourceWithParent<FauxqsResource>
{
    /// <summary>The outputs a reference passes on.</summary>
    public static readonly IReadOnlyList<string> Outputs = ["QueueUrl", "QueueArn", "DeadLetterQueueUrl", "DeadLetterQueueArn"];

    /// <summary>The queue as declared.</summary>
    public SqsQueueDefinition Definition { get; internal set; } = definition;

    /// <inheritdoc />
    public FauxqsResource Parent { get; } = emulator;

    /// <inheritdoc />
    public override string ServiceId => "SQS";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputNames => Definition.MaxReceiveCount is null ? ["QueueUrl", "QueueArn"] : Outputs;

    /// <inheritdoc />
    public override object LocalEndpoint => Parent.Url();

    /// <inheritdoc />
    public override JsonObject CreateTemplate() => SqsQueueTemplate.For(Name, Definition);

    /// <summary>The queue as created locally, once provisioned.</summary>
    internal SqsQueue? Queue { get; set; }
}
