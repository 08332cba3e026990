using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Backend.Hosting.LocalRun;

/// <summary>Reads <see cref="LocalRunOptions"/> from the AppHost's configuration (command line, environment, user secrets).</summary>
internal static class LocalRunConfiguration
{
    public static LocalRunOptions Read(IConfiguration configuration, string appHostDirectory) => new()
    {
        // Next to the repository's other local state, which .gitignore keeps out of commits.
        DataDirectory = configuration.GetValue<bool>(DistributedApplicationBuilder.KeepDataKey)
            ? Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".local", "data"))
            : null,
        Ports = configuration.GetSection("Ports").GetChildren()
            .ToDictionary(port => port.Key, port => int.Parse(port.Value ?? "0", CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase),
        DashboardPort = configuration.GetValue("Dashboard:Port", 0),
    };
}
