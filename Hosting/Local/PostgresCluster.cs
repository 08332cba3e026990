using System.Security.Cryptography;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Local;

/// <summary>The directories and superuser password of a cluster, created with initdb when new.</summary>
/// <param name="RunDirectory">A temporary directory for this run: the socket, and the data when temporary.</param>
/// <param name="DataDirectory">The cluster directory (PGDATA).</param>
/// <param name="IsTemporary">Whether the data goes away with <paramref name="RunDirectory"/>.</param>
/// <param name="Password">The password of the <c>postgres</c> superuser.</param>
internal sealed record PostgresCluster(string RunDirectory, string DataDirectory, bool IsTemporary, string Password)
{
    public const string Superuser = "postgres";

    // Kept inside PGDATA so that a persistent cluster can be reopened; PostgreSQL ignores unknown files there.
    private const string PasswordFile = "backend-superuser-password";

    /// <summary>initdb and postgres refuse to run as root, so root runs them as this system user.</summary>
    public static string? RunAsUser => Environment.IsPrivilegedProcess ? "postgres" : null;

    /// <summary>A copy of the machine's template cluster: its password is the template's until the server rotates it.</summary>
    public bool IsFromTemplate { get; init; }

    public static async Task<PostgresCluster> PrepareAsync(string binDirectory, PostgresServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var runDirectory = Directory.CreateTempSubdirectory("backend-pg-").FullName;
        await GiveToRunAsUserAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        if (options.DataDirectory is null)
        {
            // A throwaway cluster is a copy of one initdb'd once per machine: 0.1 s instead of about 1 s.
            var template = await PostgresTemplate.EnsureAsync(binDirectory, logger, cancellationToken).ConfigureAwait(false);
            var copy = Path.Combine(runDirectory, "data");
            await ChildProcess.RunAsync(new ChildProcessStartInfo("cp") { Arguments = ["-a", template.DataDirectory, copy] }, cancellationToken).ConfigureAwait(false);
            return new PostgresCluster(runDirectory, copy, IsTemporary: true, template.Password) { IsFromTemplate = true };
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return new PostgresCluster(runDirectory, dataDirectory, false, await ReadPasswordAsync(dataDirectory, cancellationToken).ConfigureAwait(false));
        }
        await GiveToRunAsUserAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        var password = await InitializeAsync(binDirectory, dataDirectory, runDirectory, cancellationToken).ConfigureAwait(false);
        HostingLog.PostgresInitialized(logger, dataDirectory);
        return new PostgresCluster(runDirectory, dataDirectory, false, password);
    }

    /// <summary>Runs initdb into <paramref name="dataDirectory"/> with a new superuser password, kept inside it, and returns the password.</summary>
    public static async Task<string> InitializeAsync(string binDirectory, string dataDirectory, string workDirectory, CancellationToken cancellationToken)
    {
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var passwordFile = Path.Combine(workDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);
        await GiveToRunAsUserAsync(passwordFile, cancellationToken).ConfigureAwait(false);
        await ChildProcess.RunAsync(new ChildProcessStartInfo(Path.Combine(binDirectory, "initdb"))
        {
            // scram on every connection; --no-sync because a throwaway cluster needs no durability.
            Arguments = ["-D", dataDirectory, "-U", Superuser, $"--pwfile={passwordFile}", "-A", "scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            WorkingDirectory = workDirectory,
            RunAsUser = RunAsUser,
            DisplayName = "initdb",
        }, cancellationToken).ConfigureAwait(false);
        File.Delete(passwordFile);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, PasswordFile), password, cancellationToken).ConfigureAwait(false);
        return password;
    }

    public static async Task<string> ReadPasswordAsync(string dataDirectory, CancellationToken cancellationToken) =>
        (await File.ReadAllTextAsync(Path.Combine(dataDirectory, PasswordFile), cancellationToken).ConfigureAwait(false)).Trim();

    public static bool IsInitialized(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, PasswordFile));

    /// <summary>Deletes the run directory (and so a temporary cluster's data).</summary>
    public void DeleteRunDirectory()
    {
        try
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    public static async Task GiveToRunAsUserAsync(string path, CancellationToken cancellationToken)
    {
        if (RunAsUser is { } user)
        {
            // .NET has no chown; one short process is simpler than P/Invoke plus a passwd lookup.
            await ChildProcess.RunAsync(new ChildProcessStartInfo("chown") { Arguments = ["-R", $"{user}:{user}", path] }, cancellationToken).ConfigureAwait(false);
        }
    }
}
