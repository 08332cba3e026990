namespace AppHost.Tests.Publishing;

/// <summary>Finds the repository's files from the test's output directory (the tests run from Hosting.Tests/bin/...).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindUpwards(AppContext.BaseDirectory, "Backend.sln")
        ?? throw new InvalidOperationException("The repository root (Backend.sln) was not found above the test's directory.");

    /// <summary>Aspire's public manifest schema, kept in the repository so that a clean checkout can check against it.</summary>
    public static string ManifestSchema => Path.Combine(Root, "docs", "schemas", "aspire-8.0.json");

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
