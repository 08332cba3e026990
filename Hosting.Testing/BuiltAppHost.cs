using System.Diagnostics;

namespace Backend.Hosting.Testing;

/// <summary>
/// A built AppHost started as a developer's F5 starts it (<c>dotnet &lt;AppHost&gt;.dll</c> with its <c>http</c> launch
/// profile's environment), with every port moved to a free one so that it cannot meet a developer's run, and its dashboard
/// on (Aspire.Hosting.Testing turns it off). Disposing stops it as Ctrl+C does (SIGINT, SIGKILL after 10 s), then kills
/// whatever of its run (DCP included) is still alive 10 s later.
/// </summary>
public sealed class BuiltAppHost : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<string> _output = [];
    private readonly List<(string Text, TaskCompletionSource<PrintedLine> Seen)> _awaited = [];
    private readonly HashSet<ProcessInfo> _seen = [];

    private BuiltAppHost(Process process, Stopwatch clock, Uri dashboard)
    {
        _process = process;
        _clock = clock;
        Dashboard = dashboard;
    }

    /// <summary>The AppHost's process id.</summary>
    public int Id => _process.Id;

    /// <summary>The dashboard's URL (the profile's <c>applicationUrl</c>, on a free port).</summary>
    public Uri Dashboard { get; }

    /// <summary>Time since the AppHost was started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts <c>&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;project name&gt;.dll</c>.</summary>
    /// <param name="project">The AppHost's project directory.</param>
    /// <param name="configuration">The build configuration whose output runs.</param>
    /// <param name="arguments">Its command-line arguments.</param>
    /// <param name="environment">Variables set on top of the launch profile's.</param>
    public static BuiltAppHost Start(string project, string configuration, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var assembly = Assembly(project, configuration);
        // env --default-signal: a background job of a non-interactive shell starts with SIGINT ignored, and a child
        // inherits that; the AppHost must take SIGINT as Ctrl+C in a terminal delivers it.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", assembly, .. arguments])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var profile = AppHostLaunchProfile.HttpProfileOnFreePorts(Path.Combine(project, "Properties", "launchSettings.json"));
        foreach (var (variable, value) in profile.Concat(environment ?? new Dictionary<string, string>()))
        {
            start.Environment[variable] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var appHost = new BuiltAppHost(process, clock, new Uri(profile["ASPNETCORE_URLS"]));
        process.OutputDataReceived += (_, line) => appHost.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => appHost.OnOutput(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return appHost;
    }

    /// <summary>
    /// Runs the built AppHost once to its end (a publish, say), as <c>dotnet run --project &lt;project&gt; -- …</c> runs it
    /// after building: its exit code and everything it printed. Killed, with all it started, after <paramref name="timeout"/>.
    /// </summary>
    /// <param name="project">The AppHost's project directory.</param>
    /// <param name="configuration">The build configuration whose output runs.</param>
    /// <param name="arguments">Its command-line arguments.</param>
    /// <param name="environment">Variables to set, or to remove from the inherited environment (null values).</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="cancellationToken">Stops waiting (and kills it).</param>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(string project, string configuration, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [Assembly(project, configuration), .. arguments])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (variable, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(variable);
            }
            else
            {
                start.Environment[variable] = value;
            }
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    /// <summary>The first line the AppHost prints that contains <paramref name="text"/>, and when (since start).</summary>
    /// <param name="text">What the line contains.</param>
    public Task<PrintedLine> WhenPrinted(string text)
    {
        lock (_output)
        {
            var seen = new TaskCompletionSource<PrintedLine>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_output.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                seen.SetResult(new PrintedLine(line, _clock.Elapsed));
            }
            else
            {
                _awaited.Add((text, seen));
            }
            return seen.Task;
        }
    }

    /// <summary>
    /// The first line containing <paramref name="text"/>; fails, with the AppHost's last output, when it exits first or
    /// <paramref name="timeout"/> passes.
    /// </summary>
    /// <param name="text">What the line contains.</param>
    /// <param name="timeout">How long to wait.</param>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = WhenPrinted(text);
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(seen, exited, Task.Delay(timeout)).ConfigureAwait(false) != seen)
        {
            throw new InvalidOperationException(
                $"The AppHost {(exited.IsCompleted ? $"exited ({_process.ExitCode})" : $"did not print \"{text}\" within {timeout.TotalSeconds:0} s")}; its last output:\n{Tail(60)}");
        }
        return (await seen.ConfigureAwait(false)).Text;
    }

    /// <summary>Fails when the AppHost exits; meant to race readiness.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<TimeSpan> ExitedAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"the AppHost exited with code {_process.ExitCode} before it was ready");
    }

    /// <summary>The processes of this run now, remembered so that disposing finds them even once re-parented.</summary>
    public IReadOnlyList<ProcessInfo> Processes()
    {
        var family = ProcessTree.Family(Id);
        lock (_seen)
        {
            _seen.UnionWith(family);
        }
        return family;
    }

    /// <summary>
    /// Ctrl+C: SIGINT to the AppHost, then the times until every process of ours is gone (everything but DCP) and until
    /// every process of the run is gone, DCP included.
    /// </summary>
    /// <param name="timeout">How long the run may take to stop.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<(TimeSpan Ours, TimeSpan All)> InterruptAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tracked = Processes().ToHashSet();
        var clock = Stopwatch.StartNew();
        ProcessTree.Interrupt(Id);
        TimeSpan? ours = null;
        while (clock.Elapsed < timeout)
        {
            // Started while stopping (a stop command, say) counts too.
            tracked.UnionWith(Processes());
            var alive = tracked.Where(p => p.IsAlive).ToList();
            if (ours is null && alive.All(p => p.IsDcp))
            {
                ours = clock.Elapsed;
            }
            if (alive.Count == 0)
            {
                return (ours!.Value, clock.Elapsed);
            }
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"{timeout.TotalSeconds:0} s after SIGINT these were still running:\n  " +
            string.Join("\n  ", tracked.Where(p => p.IsAlive)));
    }

    /// <summary>The last lines the AppHost printed, for a failure's message.</summary>
    /// <param name="lines">How many.</param>
    public string Tail(int lines)
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(lines));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Processes();
        if (!_process.HasExited)
        {
            ProcessTree.Interrupt(Id);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        // DCP stops the resources once the AppHost is gone; whatever it has not stopped within the grace is killed, DCP
        // first, so that it does not restart what is being killed.
        var deadline = Stopwatch.StartNew();
        while (Leftovers().Count > 0 && deadline.Elapsed < StopGrace)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }
        foreach (var process in Leftovers().OrderByDescending(p => p.IsDcp))
        {
            ProcessTree.Kill(process);
        }
        _process.Dispose();
    }

    private static string Assembly(string project, string configuration)
    {
        var assembly = Path.Combine(project, "bin", configuration, "net10.0", Path.GetFileName(project.TrimEnd('/')) + ".dll");
        return File.Exists(assembly) ? assembly : throw new InvalidOperationException($"{assembly} is missing: build {project} in {configuration} first.");
    }

    private List<ProcessInfo> Leftovers()
    {
        lock (_seen)
        {
            return [.. _seen.Where(p => p.IsAlive)];
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
            foreach (var (text, seen) in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                seen.TrySetResult(new PrintedLine(line, _clock.Elapsed));
                _awaited.Remove((text, seen));
            }
        }
    }
}

/// <summary>A line the AppHost printed.</summary>
/// <param name="Text">The line.</param>
/// <param name="At">When, since the AppHost was started.</param>
public sealed record PrintedLine(string Text, TimeSpan At);
