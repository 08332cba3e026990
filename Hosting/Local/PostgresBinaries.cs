namespace Backend.Hosting.Local;

/// <summary>Finds the machine's PostgreSQL server binaries (Debian layout), preferring version 15.</summary>
internal static class PostgresBinaries
{
    private const string Root = "/usr/lib/postgresql";
    private const int PreferredVersion = 15;

    /// <summary>The <c>bin</c> directory holding <c>initdb</c> and <c>postgres</c>.</summary>
    public static string FindBinDirectory()
    {
        var found = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(dir => (Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0, Bin: Path.Combine(dir, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "postgres")))
                .OrderByDescending(c => c.Version == PreferredVersion)
                .ThenByDescending(c => c.Version)
                .Select(c => c.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new LocalDependencyException(
            $"PostgreSQL {PreferredVersion} server binaries not found in {Root}/{PreferredVersion}/bin: apt-get install -y postgresql-{PreferredVersion}");
    }
}
