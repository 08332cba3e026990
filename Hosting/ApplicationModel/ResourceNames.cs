using System.Text.RegularExpressions;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// The rule for resource names. Underscores are allowed (unlike Aspire) because the queue and table names
/// of this system (<c>gpu_tasks_queue</c>, <c>task_store</c>) appear verbatim in configuration keys.
/// </summary>
public static partial class ResourceNames
{
    /// <summary>The longest allowed name.</summary>
    public const int MaxLength = 64;

    /// <summary>Throws when <paramref name="name"/> is not a valid resource name.</summary>
    /// <param name="name">The name to check.</param>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxLength || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid resource name: use 1 to {MaxLength} ASCII letters, digits, '-' or '_', starting with a letter.",
                nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
