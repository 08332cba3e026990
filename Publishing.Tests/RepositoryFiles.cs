namespace Publishing.Tests;

/// <summary>Finds the repository's files from the test's output directory.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindUpwards(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The repository root (Backend.sln) was not found above the test's directory.");

    /// <summary>The committed snapshot of the published stack (template and parameters).</summary>
    public static string Snapshots => Path.Combine(Root, "Publishing.Tests", "Snapshots");

#if DEBUG
    public static string AppHostDll => Path.Combine(Root, "AppHost", "bin", "Debug", "net10.0", "AppHost.dll");
#else
    public static string AppHostDll => Path.Combine(Root, "AppHost", "bin", "Release", "net10.0", "AppHost.dll");
#endif

    private static string? FindUpwards(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Backend.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
