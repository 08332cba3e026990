namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// A value known only when the application runs locally: an allocated port, an emulator URL, a parameter's value.
/// </summary>
public interface IValueProvider
{
    /// <summary>Gets the concrete value; throws when the local runner has not allocated it yet.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A value written into the manifest as a placeholder such as <c>{orchestrator.bindings.http.url}</c>,
/// which the deployment tool substitutes.
/// </summary>
public interface IManifestExpressionProvider
{
    /// <summary>Gets the manifest placeholder for the value.</summary>
    string ValueExpression { get; }
}

/// <summary>A value that must never be printed or logged (a secret parameter, or an expression containing one).</summary>
public interface ISecretAware
{
    /// <summary>Gets whether the value is a secret.</summary>
    bool IsSecret { get; }
}

/// <summary>Decides whether a value (string or provider) must be redacted wherever it could be printed.</summary>
internal static class SecretValues
{
    public const string Redacted = "***";

    public static bool IsSecret(object? value) => value is ISecretAware { IsSecret: true };
}

/// <summary>A literal value that must not be shown (an API key in a header, say).</summary>
/// <param name="value">The value.</param>
internal sealed class SecretText(string value) : IValueProvider, ISecretAware
{
    public bool IsSecret => true;

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(value);

    public override string ToString() => SecretValues.Redacted;
}
