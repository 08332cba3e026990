using Backend.Hosting.Testing;

namespace Publishing.Tests;

/// <summary>The repository's files these tests read.</summary>
internal static class RepositoryFiles
{
    public static string Root => Repository.Root;

    /// <summary>The committed snapshot of the published stack (template and parameters).</summary>
    public static string Snapshots => Path.Combine(Root, "Publishing.Tests", "Snapshots");

    /// <summary>The configuration the tests (and so the AppHost they run) were built in.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif
}
