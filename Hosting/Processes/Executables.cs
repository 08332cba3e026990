using Backend.Hosting.Local;

namespace Backend.Hosting.Processes;

/// <summary>Finds programs before starting them, so a missing one is named with its fix.</summary>
internal static class Executables
{
    private const string NodeHint = "Node.js 20+ is required: apt-get install -y nodejs npm";

    private static readonly Dictionary<string, string> InstallHints = new(StringComparer.Ordinal)
    {
        ["node"] = NodeHint,
        ["npm"] = NodeHint,
        ["setpriv"] = "setpriv (util-linux) is required to tie child processes to their owner: apt-get install -y util-linux",
    };

    /// <summary>setpriv, which every child is started through.</summary>
    public static string Setpriv => field ??= Resolve("setpriv");

    /// <summary>util-linux's setsid: runs the program in a session and process group of its own.</summary>
    public static string Setsid => field ??= Resolve("setsid");

    /// <summary>The absolute path of <paramref name="fileName"/>, searching <c>PATH</c> for a bare name.</summary>
    public static string Resolve(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? Path.GetFullPath(fileName) : throw Missing(fileName);
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, fileName))
            .FirstOrDefault(File.Exists) ?? throw Missing(fileName);
    }

    private static LocalDependencyException Missing(string fileName) =>
        new(InstallHints.TryGetValue(Path.GetFileName(fileName), out var hint)
            ? hint
            : $"The program '{fileName}' was not found (searched PATH).");
}
