using Backend.Hosting.Testing;

namespace AppHost.Tests.Publishing;

/// <summary>The repository's files these tests read.</summary>
internal static class RepositoryFiles
{
    public static string Root => Repository.Root;

    /// <summary>Aspire's public manifest schema, kept in the repository so that a clean checkout can check against it.</summary>
    public static string ManifestSchema => Path.Combine(Root, "docs", "schemas", "aspire-8.0.json");

    public static string CommittedManifest => Path.Combine(Root, "aspire-manifest.json");
}
