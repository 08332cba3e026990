namespace Canvas.Api.Sessions;

/// <summary>A user's canvas.</summary>
public sealed record Session(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreateSessionRequest(string? Title);

public sealed record RenameSessionRequest(string? Title);

internal static class SessionTitle
{
    public const int MaxLength = 200;

    /// <summary>The trimmed title, or the validation errors that say why it cannot be one.</summary>
    public static bool TryNormalize(string? title, out string normalized, out Dictionary<string, string[]> errors)
    {
        normalized = title?.Trim() ?? string.Empty;
        errors = [];
        if (normalized.Length is 0 or > MaxLength)
        {
            errors["title"] = [$"title must be 1 to {MaxLength} characters."];
        }
        else if (normalized.Any(char.IsControl))
        {
            errors["title"] = ["title must not contain control characters."];
        }
        else if (normalized.Any(BidiControls.Is))
        {
            // Refused rather than stripped: a title is shown back to its owner as typed, or not at all.
            errors["title"] = ["title must not contain bidirectional control characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)."];
        }
        return errors.Count == 0;
    }
}
