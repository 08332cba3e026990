using System.Diagnostics;

namespace Backend.Hosting.Processes;

public sealed partial class ChildProcess
{
    /// <summary>
    /// Sends the stop signal (SIGTERM unless configured otherwise) to the process and the processes it
    /// started, as Ctrl+C in a terminal reaches a whole job; waits up to <paramref name="grace"/>, then
    /// kills them all with SIGKILL.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (Exited.IsCompleted)
        {
            return;
        }
        NativeMethods.SignalGroup(Id, _startInfo.StopSignal);
        try
        {
            await Exited.WaitAsync(grace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            await Exited.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
    }

    /// <summary>Kills the process and its descendants at once and waits until it has exited.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        await Exited.ConfigureAwait(false);
        _process.Dispose();
    }

    // The process leads a process group of its own (setsid), which holds what it started, unless
    // something left the group on purpose.
    private void Kill() => NativeMethods.KillGroup(Id);

    // Exited means the process exited, not that its output closed: a process it started may hold the
    // output open long after (a crashed wrapper script's server), and must not hide the exit.
    private async Task<int> WaitForExitAsync()
    {
        await _started.Task.ConfigureAwait(false);
        await _exited.Task.ConfigureAwait(false);
        try
        {
            // Its last lines, unless something it started holds the output open.
            await _process.WaitForExitAsync().WaitAsync(OutputDrainTime).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        // Whatever it started and left behind goes with it.
        Kill();
        ChildProcessRegistry.Remove(Id);
        return _process.ExitCode;
    }

    private static ProcessStartInfo CreateStartInfo(ChildProcessStartInfo startInfo)
    {
        var program = Executables.Resolve(startInfo.FileName);
        var psi = new ProcessStartInfo(Executables.Setpriv)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = startInfo.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (startInfo.RunAsUser is { } user && Environment.IsPrivilegedProcess)
        {
            // The group of the same name: true of the system users we switch to (postgres).
            psi.ArgumentList.Add($"--reuid={user}");
            psi.ArgumentList.Add($"--regid={user}");
            psi.ArgumentList.Add("--init-groups");
        }
        // setsid execs in place (same process, pdeathsig kept) into a session and process group of its
        // own: stopping and killing reach what the program started, and a terminal's Ctrl+C reaches only
        // the owner, which stops its children in order.
        foreach (var argument in (string[])["--pdeathsig", "KILL", "--", Executables.Setsid, program, .. startInfo.Arguments])
        {
            psi.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in startInfo.Environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }
        return psi;
    }
}
