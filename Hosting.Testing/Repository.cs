namespace Backend.Hosting.Testing;

/// <summary>The repository that tests and benchmarks run from, found above their own binaries.</summary>
public static class Repository
{
    /// <summary>The directory that holds <c>Backend.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Backend.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Run from the repository: Backend.sln was not found above {AppContext.BaseDirectory}.");
    }
}
