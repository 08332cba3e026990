using System.Collections.Concurrent;
using System.Diagnostics;

namespace Backend.Hosting.Processes;

/// <summary>
/// Every running child of this process, killed when the process exits normally or on Ctrl+C.
/// Why, next to pdeathsig: it is a second line of defence that also covers children whose program
/// resets the death signal, and it kills them before the runtime tears down, not after.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly ConcurrentDictionary<int, Process> Children = new();

    static ChildProcessRegistry()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        // Not cancelled: the default Ctrl+C behaviour (ending the process) goes on after this.
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static void Add(Process process) => Children[process.Id] = process;

    public static void Remove(int processId) => Children.TryRemove(processId, out _);

    /// <summary>The ids of the children started by this process that have not been stopped yet.</summary>
    public static IReadOnlyCollection<int> ProcessIds => [.. Children.Keys];

    private static void KillAll()
    {
        foreach (var process in Children.Values)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }
}
