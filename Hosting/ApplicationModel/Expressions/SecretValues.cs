namespace Backend.Hosting.ApplicationModel;

/// <summary>Decides whether a value (string or provider) must be redacted wherever it could be printed.</summary>
internal static class SecretValues
{
    public const string Redacted = "***";

    public static bool IsSecret(object? value) => value is ISecretAware { IsSecret: true };
}
