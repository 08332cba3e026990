using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Backend.Hosting.Processes;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// The processes a service started itself (a wrapper script's server, <c>npm start</c>'s node), read
/// from /proc, so that stopping the service reaches them too: once the service has exited they are
/// reparented away and nothing else would stop them. Each is known by its id and start time, so a
/// signal never reaches an unrelated process that was given a recycled id.
/// </summary>
internal static class ProcessTree
{
    /// <summary>The running descendants of <paramref name="processId"/>, at this moment.</summary>
    public static IReadOnlyList<Descendant> DescendantsOf(int processId)
    {
        var children = new Dictionary<int, List<Descendant>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Stat(id) is { } stat)
            {
                if (!children.TryGetValue(stat.Parent, out var siblings))
                {
                    children[stat.Parent] = siblings = [];
                }
                siblings.Add(new Descendant(id, stat.StartTime));
            }
        }
        var found = new List<Descendant>();
        var pending = new Queue<int>([processId]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child.Id);
            }
        }
        return found;
    }

    // Fields after the command name (which may hold spaces and parentheses): state, ppid, ... starttime is the 20th.
    private static (int Parent, long StartTime)? Stat(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z"
                ? null
                : (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
    }

    /// <summary>One descendant process.</summary>
    /// <param name="Id">Its process id.</param>
    /// <param name="StartTime">When it started (clock ticks since boot), which tells it from a later process with its id.</param>
    internal sealed record Descendant(int Id, long StartTime)
    {
        private bool IsSameProcess => Stat(Id) is { } stat && stat.StartTime == StartTime;

        /// <summary>Asks it to stop (SIGTERM), unless it is gone.</summary>
        public void Terminate()
        {
            if (IsSameProcess)
            {
                NativeMethods.Signal(Id, PosixSignal.SIGTERM);
            }
        }

        /// <summary>Kills it (SIGKILL), unless it is gone.</summary>
        public void Kill()
        {
            if (!IsSameProcess)
            {
                return;
            }
            try
            {
                using var process = Process.GetProcessById(Id);
                process.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // It exited in the meantime.
            }
        }
    }
}
