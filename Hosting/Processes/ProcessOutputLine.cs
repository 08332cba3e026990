namespace Backend.Hosting.Processes;

/// <summary>One line a child process wrote.</summary>
/// <param name="Timestamp">When the line was read.</param>
/// <param name="IsError">True when it came from stderr.</param>
/// <param name="Text">The line, without its line break.</param>
public sealed record ProcessOutputLine(DateTimeOffset Timestamp, bool IsError, string Text)
{
    /// <inheritdoc />
    public override string ToString() => IsError ? $"[err] {Text}" : Text;
}
