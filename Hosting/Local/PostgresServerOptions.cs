namespace Backend.Hosting.Local;

/// <summary>How to run the local PostgreSQL server.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>
    /// The cluster directory to keep data in between runs (reused when it already holds a cluster);
    /// null for a throwaway cluster in a temporary directory, deleted on dispose.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The server's <c>max_connections</c>: parallel tests each hold a connection pool.</summary>
    public int MaxConnections { get; init; } = 200;
}
