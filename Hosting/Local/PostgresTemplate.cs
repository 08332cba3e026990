using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Local;

/// <summary>
/// One initdb'd cluster per machine, PostgreSQL version and user, under the temporary directory (the
/// <c>postgres</c> user cannot reach root's home), which every throwaway cluster copies instead of
/// running initdb again. Built in a staging directory and renamed into place, so that test processes
/// starting at once neither see a half-made template nor fail when another built it first.
/// </summary>
internal static class PostgresTemplate
{
    public static async Task<(string DataDirectory, string Password)> EnsureAsync(string binDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var version = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(binDirectory).TrimEnd('/')));
        var root = Path.Combine(Path.GetTempPath(), $"backend-pg-template-{version}-{Environment.UserName}");
        var data = Path.Combine(root, "data");
        if (!PostgresCluster.IsInitialized(data))
        {
            var staging = Directory.CreateTempSubdirectory("backend-pg-template-staging-").FullName;
            await PostgresCluster.GiveToRunAsUserAsync(staging, cancellationToken).ConfigureAwait(false);
            await PostgresCluster.InitializeAsync(binDirectory, Path.Combine(staging, "data"), staging, cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(staging, root);
                HostingLog.PostgresInitialized(logger, data);
            }
            catch (IOException)
            {
                // Another process put its template in place first; use that one.
                Directory.Delete(staging, recursive: true);
            }
        }
        return (data, await PostgresCluster.ReadPasswordAsync(data, cancellationToken).ConfigureAwait(false));
    }
}
