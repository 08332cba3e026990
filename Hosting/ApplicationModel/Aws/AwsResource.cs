namespace Backend.Hosting.ApplicationModel.Aws;

/// <summary>
/// A resource in an AWS service. A reference to it passes its outputs as <c>AWS__Resources__&lt;name&gt;__&lt;output&gt;</c>
/// (Aspire.Hosting.AWS's convention): concrete values from the emulator in run mode, CloudFormation stack outputs
/// (<c>{name.output.QueueUrl}</c>) in the manifest.
/// </summary>
public interface IAwsResource : IResource
{
    /// <summary>Gets the service the resource lives in.</summary>
    AwsService Service { get; }

    /// <summary>Gets the outputs passed to services that reference the resource.</summary>
    IReadOnlyList<AwsOutputReference> Outputs { get; }
}

/// <summary>The base of the AWS resources: an allocation that the local runner fills in once the emulator created the resource.</summary>
/// <typeparam name="TAllocation">What the emulator created (URLs, physical names).</typeparam>
public abstract class AwsResource<TAllocation> : Resource, IAwsResource
    where TAllocation : class
{
    /// <summary>Creates the resource.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="service">The service it lives in.</param>
    protected AwsResource(string name, AwsService service)
        : base(name) => Service = service;

    /// <inheritdoc/>
    public AwsService Service { get; }

    /// <summary>Gets or sets what the emulator created; set by the local runner, null until then and in publish mode.</summary>
    public TAllocation? Allocation { get; set; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<AwsOutputReference> Outputs { get; }

    /// <summary>Creates an output whose run-mode value is read from the allocation.</summary>
    /// <param name="name">The output's name (alphanumeric, as CloudFormation requires).</param>
    /// <param name="value">Reads the value from the allocation.</param>
    protected AwsOutputReference Output(string name, Func<TAllocation, string> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AwsOutputReference(this, name, () => value(Allocation ?? throw new InvalidOperationException(
            $"{this} has not been created yet: the local runner creates it in the emulator before services start.")));
    }
}

/// <summary>One output of an AWS resource: a stack output in the manifest, the emulator's value in run mode.</summary>
/// <param name="resource">The resource.</param>
/// <param name="name">The output name.</param>
/// <param name="runValue">Reads the run-mode value.</param>
public sealed class AwsOutputReference(IAwsResource resource, string name, Func<string> runValue)
    : IValueProvider, IManifestExpressionProvider
{
    /// <summary>Gets the resource.</summary>
    public IAwsResource Resource { get; } = resource;

    /// <summary>Gets the output name (<c>QueueUrl</c>).</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public string ValueExpression => $"{{{Resource.Name}.output.{Name}}}";

    /// <inheritdoc/>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(runValue());

    /// <inheritdoc/>
    public override string ToString() => ValueExpression;
}
