using System.Diagnostics;
using System.Globalization;

namespace Backend.Hosting.Testing;

/// <summary>One process as /proc showed it; its start time tells it apart from a later process given the same id.</summary>
/// <param name="Id">The process id.</param>
/// <param name="ParentId">Its parent's id.</param>
/// <param name="StartTicks">When it started, in clock ticks since boot (field 22 of /proc/&lt;pid&gt;/stat).</param>
/// <param name="Arguments">Its command line, the executable first.</param>
public sealed record ProcessInfo(int Id, int ParentId, long StartTicks, IReadOnlyList<string> Arguments)
{
    /// <summary>The executable, as started.</summary>
    public string Executable => Arguments.Count > 0 ? Arguments[0] : "";

    /// <summary>Whether it is one of Aspire's DCP processes.</summary>
    public bool IsDcp => Executable.EndsWith("/dcp", StringComparison.Ordinal);

    /// <summary>Alive, and still this process (a zombie counts as gone).</summary>
    public bool IsAlive => ProcessTree.Read(Id) is { } now && now.StartTicks == StartTicks && ProcessTree.State(Id) is not ('Z' or 'X' or null);

    /// <inheritdoc/>
    public bool Equals(ProcessInfo? other) => other is not null && other.Id == Id && other.StartTicks == StartTicks;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, StartTicks);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {string.Join(' ', Arguments)}";
}

/// <summary>
/// Every process of one AppHost run: the AppHost and its descendants, plus DCP, which detaches (its API server is
/// re-parented to init and watches the AppHost through <c>--monitor &lt;pid&gt;</c>) and starts every resource.
/// </summary>
public static class ProcessTree
{
    /// <summary>Every process /proc shows now.</summary>
    public static IReadOnlyList<ProcessInfo> All() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var id) ? Read(id) : null)
            .OfType<ProcessInfo>()];

    /// <summary>The run of the AppHost <paramref name="appHost"/>: what descends from it or from a DCP that monitors it.</summary>
    /// <param name="appHost">The AppHost's process id.</param>
    public static IReadOnlyList<ProcessInfo> Family(int appHost)
    {
        var all = All();
        var children = all.ToLookup(p => p.ParentId);
        var family = new List<ProcessInfo>();
        var pending = new Queue<ProcessInfo>(all.Where(p => p.Id == appHost || (p.IsDcp && Monitors(p, appHost))));
        while (pending.TryDequeue(out var process))
        {
            family.Add(process);
            foreach (var child in children[process.Id])
            {
                pending.Enqueue(child);
            }
        }
        return family;
    }

    /// <summary>Proportional set size (shared pages split among the processes sharing them), in bytes; 0 once gone.</summary>
    /// <param name="id">The process id.</param>
    public static long PssBytes(int id)
    {
        try
        {
            var line = File.ReadLines($"/proc/{id}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Whether <paramref name="id"/> ignores SIGINT (then Ctrl+C could not stop it).</summary>
    /// <param name="id">The process id.</param>
    public static bool IgnoresInterrupt(int id)
    {
        var line = File.ReadLines($"/proc/{id}/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (ulong.Parse(line[7..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (2 - 1))) != 0;
    }

    /// <summary>Sends SIGINT, as a terminal's Ctrl+C would (.NET itself sends only SIGKILL).</summary>
    /// <param name="id">The process id.</param>
    public static void Interrupt(int id) => Process.Start("kill", ["-INT", id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>Kills <paramref name="process"/> if it is still that process.</summary>
    /// <param name="process">The process.</param>
    public static void Kill(ProcessInfo process)
    {
        if (!process.IsAlive)
        {
            return;
        }
        try
        {
            using var handle = Process.GetProcessById(process.Id);
            handle.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // Gone meanwhile.
        }
    }

    internal static ProcessInfo? Read(int id)
    {
        try
        {
            // The command in /proc/<pid>/stat is parenthesised and may hold spaces: split after it.
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var arguments = File.ReadAllText($"/proc/{id}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            // fields[0] is field 3 of proc(5): the parent is field 4, the start time field 22.
            return new ProcessInfo(id, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture), arguments);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static char? State(int id)
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

    private static bool Monitors(ProcessInfo dcp, int appHost)
    {
        var index = dcp.Arguments.ToList().IndexOf("--monitor");
        return index >= 0 && index + 1 < dcp.Arguments.Count && dcp.Arguments[index + 1] == appHost.ToString(CultureInfo.InvariantCulture);
    }
}
