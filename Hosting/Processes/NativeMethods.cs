using System.Runtime.InteropServices;

namespace Backend.Hosting.Processes;

/// <summary>kill(2) (.NET can only send SIGKILL, not a graceful signal) and getppid(2).</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial int getppid();

    public const int SigKill = 9;

    /// <summary>The parent's process id; 1 (or a subreaper's) once the parent has died.</summary>
    public static int ParentProcessId => getppid();

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Signal(int pid, PosixSignal signal) => kill(pid, ToLinux(signal)) == 0;

    /// <summary>
    /// Sends <paramref name="signal"/> to every process of the group <paramref name="leader"/> leads, or to
    /// the leader alone when it has not yet made its group (it is still between fork and setsid).
    /// </summary>
    public static bool SignalGroup(int leader, PosixSignal signal) =>
        kill(-leader, ToLinux(signal)) == 0 || kill(leader, ToLinux(signal)) == 0;

    /// <summary>Kills every process of the group <paramref name="leader"/> leads (or the leader alone, as above).</summary>
    public static bool KillGroup(int leader) => kill(-leader, SigKill) == 0 || kill(leader, SigKill) == 0;

    private static int ToLinux(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGHUP, SIGINT, SIGQUIT and SIGTERM stop a child."),
    };
}
