namespace Backend.Hosting;

/// <summary>How to create an application builder; tests use it to isolate the AppHost directory and user secrets.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Gets the command-line arguments (<c>--publisher manifest --output-path ...</c>, configuration overrides).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>
    /// Gets the AppHost project directory, against which relative paths (working directories, the output path) resolve.
    /// Defaults to the <c>AppHostDirectory</c> assembly metadata of the entry assembly, else the current directory.
    /// </summary>
    public string? AppHostDirectory { get; init; }

    /// <summary>
    /// Gets the user-secrets file that parameter values are read from and generated values persisted to.
    /// Defaults to the file of the entry assembly's <c>UserSecretsId</c>; with neither, generated values live in memory only.
    /// </summary>
    public string? UserSecretsPath { get; init; }
}
