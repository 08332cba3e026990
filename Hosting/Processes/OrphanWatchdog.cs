using System.Diagnostics;

namespace Backend.Hosting.Processes;

/// <summary>
/// Notices when this process's parent has died (the kernel re-parents it) and ends it, so that a test
/// host or an AppHost whose launcher was killed (a CI timeout, a blame-hang abort, a closed terminal)
/// does not live on with the services and emulators it started. Those children die with it: they run
/// under PR_SET_PDEATHSIG.
/// </summary>
public static class OrphanWatchdog
{
    private static int _started;

    /// <summary>
    /// Starts watching once per process. When the parent dies, <paramref name="onOrphaned"/> runs (a
    /// graceful stop); if the process is still alive <paramref name="grace"/> later, it is killed.
    /// </summary>
    /// <param name="onOrphaned">What to do first, e.g. cancel the run; null kills at once.</param>
    /// <param name="grace">How long <paramref name="onOrphaned"/> gets.</param>
    public static void Start(Action? onOrphaned = null, TimeSpan? grace = null)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }
        var parent = NativeMethods.ParentProcessId;
        var thread = new Thread(() =>
        {
            while (NativeMethods.ParentProcessId == parent)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            Console.Error.WriteLine($"The parent process ({parent}) is gone: stopping this process ({Environment.ProcessId}) and its children.");
            if (onOrphaned is not null)
            {
                onOrphaned();
                Thread.Sleep(grace ?? TimeSpan.FromSeconds(30));
            }
            Process.GetCurrentProcess().Kill();
        })
        {
            IsBackground = true,
            Name = "Orphan watchdog",
        };
        thread.Start();
    }
}
