namespace Backend.Orchestrator.Tasks;

/// <summary>
/// What an S3 key in a task may look like. Stricter than S3 itself: keys come from another service, and a
/// key with control characters, a leading slash or <c>.</c>/<c>..</c> segments is a bug or an attack, not a name.
/// </summary>
public static class ObjectKeys
{
    public const string Rules = "must be 1 to 1024 characters without control characters, a leading '/', empty segments or '.'/'..' segments.";

    public static bool IsValidKey(string key) => IsValidPrefix(key) && !key.EndsWith('/');

    public static bool IsValidPrefix(string prefix) =>
        prefix.Length is >= 1 and <= 1024
        && !prefix.StartsWith('/')
        && !prefix.Any(char.IsControl)
        && prefix.TrimEnd('/').Split('/').All(segment => segment.Length > 0 && segment is not ("." or ".."))
        && !prefix.EndsWith("//", StringComparison.Ordinal);
}
