using System.Diagnostics;

namespace Backend.Hosting.Processes;

public sealed partial class ChildProcess
{
    /// <summary>
    /// Sends the stop signal (SIGTERM unless configured otherwise), waits up to <paramref name="grace"/>,
    /// then kills the process and its descendants with SIGKILL.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (Exited.IsCompleted)
        {
            return;
        }
        NativeMethods.Signal(Id, _startInfo.StopSignal);
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

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    private async Task<int> WaitForExitAsync()
    {
        await _started.Task.ConfigureAwait(false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
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
        foreach (var argument in (string[])["--pdeathsig", "KILL", "--", program, .. startInfo.Arguments])
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
