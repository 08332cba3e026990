using System.Diagnostics;
using System.Globalization;

namespace AppHost.Tests.Dashboard;

/// <summary>Processes as /proc shows them, each known by id and start time (an id can be reused).</summary>
internal static class ProcessFamily
{
    /// <summary>
    /// The run of the AppHost <paramref name="appHost"/> (process id and start time): its descendants, and DCP's, which
    /// detaches from it and watches it through <c>--monitor &lt;pid&gt;</c>.
    /// </summary>
    public static List<(int Id, long Start)> Of(int appHost)
    {
        var all = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var id) ? Read(id) : null).OfType<(int Id, int Parent, long Start, string[] Arguments)>().ToList();
        var children = all.ToLookup(p => p.Parent);
        var pending = new Queue<(int Id, int Parent, long Start, string[] Arguments)>(all.Where(p => p.Id == appHost
            || (p.Arguments.FirstOrDefault()?.EndsWith("/dcp", StringComparison.Ordinal) == true
                && p.Arguments.SkipWhile(a => a != "--monitor").Skip(1).FirstOrDefault() == appHost.ToString(CultureInfo.InvariantCulture))));
        var family = new List<(int, long)>();
        while (pending.TryDequeue(out var process))
        {
            family.Add((process.Id, process.Start));
            foreach (var child in children[process.Id])
            {
                pending.Enqueue(child);
            }
        }
        return family;
    }

    public static List<(int Id, long Start)> Alive(IEnumerable<(int Id, long Start)> processes) =>
        [.. processes.Distinct().Where(p => Read(p.Id) is { } now && now.Start == p.Start && State(p.Id) is not ('Z' or 'X' or null))];

    private static (int Id, int Parent, long Start, string[] Arguments)? Read(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var arguments = File.ReadAllText($"/proc/{id}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return (id, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture), arguments);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static char? State(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Kill(IEnumerable<(int Id, long Start)> processes)
    {
        foreach (var (id, _) in processes)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }
}
