namespace Backend.Hosting.Local;

/// <summary>How to run dynalite.</summary>
public sealed record DynaliteOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>A directory to keep tables in (LevelDB) between runs; in memory when null.</summary>
    public string? DataDirectory { get; init; }
}
