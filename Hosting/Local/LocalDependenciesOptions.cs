namespace Backend.Hosting.Local;

/// <summary>How to run the local dependencies.</summary>
public sealed record LocalDependenciesOptions
{
    /// <summary>PostgreSQL's options (a throwaway cluster on a free port by default).</summary>
    public PostgresServerOptions Postgres { get; init; } = new();

    /// <summary>dynalite's options (in memory on a free port by default).</summary>
    public DynaliteOptions Dynalite { get; init; } = new();

    /// <summary>fauxqs's port; 0 picks a free one. fauxqs keeps everything in memory.</summary>
    public int FauxqsPort { get; init; }
}
