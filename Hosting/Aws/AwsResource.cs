using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;

namespace Backend.Hosting.Aws;

/// <summary>
/// An AWS resource of the application (queue, table, bucket, instance). Locally it lives in a stand-in and is
/// provisioned when that stand-in is healthy; published, it is a CloudFormation template whose outputs carry the
/// same values. Services learn them as <c>AWS__Resources__&lt;PhysicalName&gt;__&lt;Output&gt;</c>, the
/// configuration keys of Aspire.Hosting.AWS.
/// </summary>
public abstract class AwsResource(string name, string physicalName) : Resource(name), IResourceWithWaitSupport
{
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _outputs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The name services know it by (their configuration keys) and, locally, its name in the stand-in. Kept apart
    /// from the resource name, which allows only letters, digits and hyphens.
    /// </summary>
    public string PhysicalName { get; } = physicalName;

    /// <summary>The AWS service, whose <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> a reference sets locally.</summary>
    public abstract string ServiceId { get; }

    /// <summary>The names of the outputs a reference passes on (<c>QueueUrl</c>, <c>TableName</c>…).</summary>
    public abstract IReadOnlyList<string> OutputNames { get; }

    /// <summary>The stand-in's endpoint, set locally as <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> on referencing services.</summary>
    public abstract object LocalEndpoint { get; }

    /// <summary>The CloudFormation template that creates it in AWS.</summary>
    public abstract JsonObject CreateTemplate();

    /// <summary>An output's value once provisioned; waits for provisioning, fails when it failed.</summary>
    public async ValueTask<string> GetOutputAsync(string output, CancellationToken cancellationToken)
    {
        var outputs = await _outputs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return outputs.TryGetValue(output, out var value)
            ? value
            : throw new InvalidOperationException($"The resource '{Name}' has no output '{output}'.");
    }

    /// <summary>The services that reference it, in the order they did (the manifest's <c>references</c>).</summary>
    internal List<IResource> ReferencedBy { get; } = [];

    internal bool IsProvisioned => _outputs.Task.IsCompletedSuccessfully;

    internal void SetOutputs(IReadOnlyDictionary<string, string> outputs) => _outputs.TrySetResult(outputs);

    internal void SetFailed(Exception exception) => _outputs.TrySetException(exception);
}

/// <summary>
/// One output of an <see cref="AwsResource"/>: <c>{name.output.Output}</c> in the manifest, the provisioned value at run
/// time (which waits for provisioning, so a service never starts with a queue URL that does not exist yet).
/// </summary>
/// <param name="Resource">The resource.</param>
/// <param name="Output">The output's name.</param>
public sealed record AwsResourceOutput(AwsResource Resource, string Output) : IManifestExpressionProvider, IValueProvider, IValueWithReferences
{
    /// <inheritdoc />
    public string ValueExpression => $"{{{Resource.Name}.output.{Output}}}";

    /// <inheritdoc />
    public IEnumerable<object> References => [Resource];

    /// <inheritdoc />
    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        await Resource.GetOutputAsync(Output, cancellationToken).ConfigureAwait(false);
}
