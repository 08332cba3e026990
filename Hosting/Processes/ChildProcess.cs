using System.Diagnostics;
using Backend.Hosting.Local;

namespace Backend.Hosting.Processes;

/// <summary>
/// A process started by this one that never outlives it: it runs under
/// <c>setpriv --pdeathsig KILL</c>, so the kernel kills it when its owner dies, even by SIGKILL.
/// Its output is kept line by line in <see cref="Output"/>.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ChildProcessStartInfo _startInfo;
    private static readonly TimeSpan OutputDrainTime = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, ChildProcessStartInfo startInfo)
    {
        _process = process;
        _startInfo = startInfo;
        Name = startInfo.DisplayName ?? Path.GetFileName(startInfo.FileName);
        Output = new ProcessOutputLog(startInfo.OutputCapacity);
        Exited = WaitForExitAsync();
    }

    /// <summary>The name used in logs and messages.</summary>
    public string Name { get; }

    /// <summary>The operating-system process id (setpriv and setsid exec the program, so it is the program's; it also leads the process group).</summary>
    public int Id { get; private set; }

    /// <summary>The most recent output lines.</summary>
    public ProcessOutputLog Output { get; }

    /// <summary>Completes with the exit code when the process has exited (128 + signal when killed).</summary>
    public Task<int> Exited { get; }

    /// <summary>Starts a child process; fails with <see cref="LocalDependencyException"/> when its program is missing.</summary>
    public static async Task<ChildProcess> StartAsync(ChildProcessStartInfo startInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var process = new Process { StartInfo = CreateStartInfo(startInfo), EnableRaisingEvents = true };
        var child = new ChildProcess(process, startInfo);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => child._exited.TrySetResult();
        await ProcessSpawner.StartAsync(process, cancellationToken).ConfigureAwait(false);
        child.Id = process.Id;
        child._started.SetResult();
        // Children get an empty, closed stdin: nothing of ours should wait for keyboard input.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a program to its end; fails with its output when the exit code is not 0.</summary>
    public static async Task<ProcessOutputLog> RunAsync(ChildProcessStartInfo startInfo, CancellationToken cancellationToken = default)
    {
        await using var child = await StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
        var exitCode = await child.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        return exitCode == 0
            ? child.Output
            : throw new LocalDependencyException($"{child.Name} failed with exit code {exitCode}:\n{child.Output.Tail()}");
    }

    /// <summary>
    /// Completes with the first output line that matches; fails when the process exits first or
    /// <paramref name="timeout"/> passes, with the output so far in the message.
    /// </summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var line = Output.WaitForLineAsync(match, cancellationToken);
        try
        {
            var first = await Task.WhenAny(line, Exited).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (first == line)
            {
                return await line.ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            throw new LocalDependencyException($"{Name} did not become ready within {timeout.TotalSeconds:0} s:\n{Output.Tail()}");
        }
        throw new LocalDependencyException($"{Name} exited with code {await Exited.ConfigureAwait(false)} before it was ready:\n{Output.Tail()}");
    }

    private void OnLine(string? text, bool isError)
    {
        if (text is null)
        {
            return; // end of stream
        }
        var line = new ProcessOutputLine(DateTimeOffset.UtcNow, isError, text);
        Output.Append(line);
        _startInfo.OnOutput?.Invoke(line);
    }
}
