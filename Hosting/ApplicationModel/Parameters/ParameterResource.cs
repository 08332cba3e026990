namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// A value supplied from outside the model: configuration <c>Parameters:&lt;name&gt;</c> (user secrets, environment,
/// command line) when run locally, the deployment tool's input when published (<c>{name.value}</c>).
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="secret">Whether the value is a secret: never printed, marked secret in the manifest.</param>
public sealed class ParameterResource(string name, bool secret)
    : Resource(name), IValueProvider, IManifestExpressionProvider, ISecretAware
{
    private string? _value;

    /// <summary>Gets whether the value is a secret.</summary>
    public bool Secret { get; } = secret;

    /// <summary>Gets or sets how a deployment tool may generate the value when none is given; null means it must be supplied.</summary>
    public GeneratedValue? GeneratedDefault { get; set; }

    /// <inheritdoc/>
    public bool IsSecret => Secret;

    /// <inheritdoc/>
    public string ValueExpression => $"{{{Name}.value}}";

    /// <summary>Gets whether a value is known (run mode, after the application is built).</summary>
    public bool HasValue => _value is not null;

    /// <inheritdoc/>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(_value ?? throw new InvalidOperationException(
            $"{this} has no value yet: values are read (or generated) when the application is built in run mode."));

    /// <summary>Describes the parameter without its value.</summary>
    public override string ToString() => Secret ? $"Parameter '{Name}' (secret)" : $"Parameter '{Name}'";

    internal void SetValue(string value) => _value = value;
}

/// <summary>
/// How to generate a value: at least <see cref="MinLength"/> characters, alphanumeric only, so that generated values
/// go into connection strings and URLs without escaping.
/// </summary>
/// <param name="MinLength">The minimum length.</param>
public sealed record GeneratedValue(int MinLength);
