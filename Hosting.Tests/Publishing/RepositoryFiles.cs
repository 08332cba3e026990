namespace Backend.Hosting.Tests.Publishing;

/// <summary>Finds the repository's files from the test's output directory (the tests run from Hosting.Tests/bin/...).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindUpwards(AppContext.BaseDirectory, "Backend.sln")
        ?? throw new InvalidOperationException("The repository root (Backend.sln) was not found above the test's directory.");

    /// <summary>The shared schema lives beside the repository (../shared), or further up for a worktree.</summary>
    public static string ManifestSchema { get; } =
        FindUpwards(Root, Path.Combine("shared", "schemas", "aspire-8.0.json")) is { } directory
            ? Path.Combine(directory, "shared", "schemas", "aspire-8.0.json")
            : throw new InvalidOperationException("shared/schemas/aspire-8.0.json was not found above the repository.");

    public static string CommittedManifest => Path.Combine(Root, "aspire-manifest.json");

    private static string? FindUpwards(string start, string relativePath)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, relativePath)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
