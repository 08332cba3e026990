namespace Backend.Hosting.Ecs.Deploy;

/// <summary>
/// One command of a deploy or destroy plan. Arguments may name variables (<c>$ACCOUNT</c>) that earlier commands
/// captured from their output; a dry run prints the plan as the shell script it amounts to, executing nothing.
/// </summary>
/// <param name="Program">The program (<c>aws</c>, <c>dotnet</c>).</param>
/// <param name="Arguments">Its arguments.</param>
internal sealed record EcsCommand(string Program, params string[] Arguments)
{
    /// <summary>The variable its trimmed standard output is assigned to.</summary>
    public string? Capture { get; init; }

    /// <summary>Whether the captured value is a credential: never printed.</summary>
    public bool CaptureIsSecret { get; init; }

    /// <summary>Run when this command fails (e.g. create what describe did not find); the plan fails otherwise.</summary>
    public EcsCommand? OnFailure { get; init; }

    /// <summary>Environment variables of the process; values may name variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Standard input (a secret's value), read only when the command runs; null skips the command.</summary>
    public Func<CancellationToken, Task<string?>>? Input { get; init; }

    /// <summary>What the input is, for the printed plan (the value itself is never printed).</summary>
    public string? InputDescription { get; init; }

    /// <summary>The command as a shell line, variables left as they are.</summary>
    public string ToShell()
    {
        var line = string.Join(" ", Environment.Select(e => $"{e.Key}={Quote(e.Value)}").Append(Program).Concat(Arguments.Select(Quote)));
        if (InputDescription is not null)
        {
            line += $" <<< \"{InputDescription}\"";
        }

        if (OnFailure is not null)
        {
            line += " || " + OnFailure.ToShell();
        }

        return Capture is null ? line : $"{Capture}=$({line})";
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,$@{}".Contains(c)) ? value : $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
