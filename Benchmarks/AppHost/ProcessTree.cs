using System.Globalization;
using System.Diagnostics;

namespace Backend.Benchmarks.AppHost;

/// <summary>Processes as /proc shows them: children, descendants, liveness (a zombie counts as gone).</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Children(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == parent)];

    public static IReadOnlyList<int> Descendants(int root) =>
        [.. Children(root).SelectMany(child => (IEnumerable<int>)[child, .. Descendants(child)])];

    public static string CommandLine(int pid) =>
        File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim() : "";

    public static bool IsAlive(int pid) => Stat(pid) is { } stat && stat[2] != "Z";

    // .NET sends only SIGKILL; kill(1) sends the SIGINT a terminal's Ctrl+C would.
    public static void Interrupt(int pid) => Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    private static int ParentOf(int pid) =>
        Stat(pid) is { } stat ? int.Parse(stat[3], CultureInfo.InvariantCulture) : -1;

    // The command in /proc/<pid>/stat is parenthesised and may hold spaces: split after it.
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return ["", "", .. text[(text.LastIndexOf(')') + 2)..].Split(' ')];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
