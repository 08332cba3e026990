using System.Collections.Concurrent;
using System.Diagnostics;

namespace Backend.Hosting.Processes;

/// <summary>Starts every child process from one dedicated, never-ending thread.</summary>
/// <remarks>
/// Why a thread of its own: children are started under <c>setpriv --pdeathsig KILL</c>, and the
/// kernel's PR_SET_PDEATHSIG fires when the <em>thread</em> that forked the child exits, not the
/// process. .NET forks on the thread that calls <see cref="Process.Start()"/>; a thread-pool thread
/// retires when it has been idle for a while, which would kill a healthy child minutes after it
/// started. A background thread that lives as long as the process forks them all instead, so
/// children die exactly when their owner process dies (including a crash or SIGKILL).
/// </remarks>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];

    static ProcessSpawner()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "Backend.Hosting process spawner" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="process"/> on the spawner thread and registers it for cleanup.</summary>
    public static Task StartAsync(Process process, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started), cancellationToken);
        return started.Task;
    }

    private static void Serve()
    {
        // Ends only with the process: the collection is never completed.
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                ChildProcessRegistry.Add(process);
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
