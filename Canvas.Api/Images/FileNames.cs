using System.Text;

namespace Canvas.Api.Images;

/// <summary>
/// A user's file name is kept only as display metadata, never in a key or a path: reduced to its last
/// segment, without control or bidirectional-override characters, at most 255 characters.
/// </summary>
internal static class FileNames
{
    private const int MaxLength = 255;

    public static string? Sanitize(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }
        var lastSegment = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var cleaned = new StringBuilder(Math.Min(lastSegment.Length, MaxLength));
        foreach (var character in lastSegment)
        {
            if (!char.IsControl(character) && !BidiControls.Is(character) && character != '"')
            {
                cleaned.Append(character);
            }
        }
        var result = cleaned.ToString().Trim().TrimStart('.');
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength];
            // Never end on half a surrogate pair.
            if (char.IsHighSurrogate(result[^1]))
            {
                result = result[..^1];
            }
        }
        return result.Length == 0 ? null : result;
    }
}
