using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Backend.Hosting.Local;

/// <summary>
/// A PostgreSQL server from the machine's server binaries, run as a foreground child process
/// (not through pg_ctl, which daemonizes and so would outlive us), listening on 127.0.0.1 only.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;
    private readonly NpgsqlDataSource _admin;

    private PostgresServer(PostgresCluster cluster, ChildProcess process, int port)
    {
        _cluster = cluster;
        Process = process;
        Port = port;
        _admin = NpgsqlDataSource.Create(GetConnectionString("postgres"));
    }

    /// <summary>The host the server listens on.</summary>
    public static string Host => "127.0.0.1";

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>The superuser's name.</summary>
    public static string Username => PostgresCluster.Superuser;

    /// <summary>The superuser's password (generated when the cluster was created).</summary>
    public string Password => _cluster.Password;

    /// <summary>The cluster directory.</summary>
    public string DataDirectory => _cluster.DataDirectory;

    /// <summary>The postgres server process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Creates (initdb) or reuses a cluster, starts the server and waits until it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        logger ??= NullLogger.Instance;
        var bin = PostgresBinaries.FindBinDirectory();
        var cluster = await PostgresCluster.PrepareAsync(bin, options, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            return await FreePort.StartWithRetryAsync(options.Port, "postgres", logger,
                port => StartOnAsync(bin, cluster, port, options, logger, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            cluster.DeleteRunDirectory();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string GetConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Username,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates a database (nothing happens when it exists) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, _; at most 63).", nameof(name));
        }
        await using var command = _admin.CreateCommand($"CREATE DATABASE \"{name}\"");
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Idempotent: it exists already.
        }
        return GetConnectionString(name);
    }

    // Every copy of the template starts with the template's password: each server gets its own at once.
    private async Task<PostgresServer> RotatePasswordAsync(CancellationToken cancellationToken)
    {
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        await using (var command = _admin.CreateCommand($"ALTER ROLE {PostgresCluster.Superuser} PASSWORD '{password}'"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await _admin.DisposeAsync().ConfigureAwait(false);
        return new PostgresServer(_cluster with { Password = password, IsFromTemplate = false }, Process, Port);
    }

    /// <summary>Stops the server (fast shutdown) and deletes a temporary cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _admin.DisposeAsync().ConfigureAwait(false);
        await Process.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
        _cluster.DeleteRunDirectory();
    }

    private static async Task<PostgresServer> StartOnAsync(string bin, PostgresCluster cluster, int port, PostgresServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var process = await ChildProcess.StartAsync(new ChildProcessStartInfo(Path.Combine(bin, "postgres"))
        {
            Arguments =
            [
                "-D", cluster.DataDirectory, "-h", Host, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", cluster.RunDirectory,
                // Durability is worthless for a local cluster, speed is not.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", $"max_connections={options.MaxConnections}",
            ],
            WorkingDirectory = cluster.RunDirectory,
            RunAsUser = PostgresCluster.RunAsUser,
            DisplayName = "postgres",
            // SIGTERM ("smart" shutdown) would wait for every pooled client connection to close.
            StopSignal = PosixSignal.SIGINT,
        }, cancellationToken).ConfigureAwait(false);
        var server = new PostgresServer(cluster, process, port);
        try
        {
            await server.WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (cluster.IsFromTemplate)
            {
                server = await server.RotatePasswordAsync(cancellationToken).ConfigureAwait(false);
            }
            HostingLog.Ready(logger, "postgres", $"{Host}:{port}", process.Id);
            return server;
        }
        catch
        {
            await server._admin.DisposeAsync().ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
