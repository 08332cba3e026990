namespace Backend.Hosting.Tests;

/// <summary>Reads /proc to see which processes are alive, independently of the code under test.</summary>
internal static class ProcessTable
{
    /// <summary>Alive means present and not a zombie (a dead process not yet reaped by its parent).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The ids of the direct children of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid) =>
        [.. Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(child => ParentOf(child) == pid)];

    /// <summary>Waits up to <paramref name="timeout"/> for all of <paramref name="pids"/> to be gone; returns those still alive.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var remaining = pids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            remaining.RemoveAll(pid => !IsAlive(pid));
            if (remaining.Count > 0)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        return remaining;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
