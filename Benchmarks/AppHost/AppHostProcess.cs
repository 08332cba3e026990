using System.Diagnostics;
using Backend.Hosting.Testing;

namespace Backend.Benchmarks.AppHost;

/// <summary>
/// A built AppHost started as a developer's F5 starts it (<c>dotnet &lt;AppHost&gt;.dll</c> with its <c>http</c> launch
/// profile's environment), but with every port moved to a free one so that it cannot meet a developer's run.
/// Disposing kills whatever of its run is still alive.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<string> _output = [];
    private readonly List<(string Text, TaskCompletionSource<TimeSpan> Seen)> _awaited = [];
    private readonly HashSet<ProcessInfo> _seen = [];

    private AppHostProcess(Process process, Stopwatch clock, Uri dashboard)
    {
        _process = process;
        _clock = clock;
        Dashboard = dashboard;
    }

    public int Id => _process.Id;

    public Uri Dashboard { get; }

    /// <summary>Time since the AppHost was started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts <c>&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;project&gt;.dll</c> under the repository.</summary>
    public static AppHostProcess Start(string repository, string project, string configuration, IEnumerable<string> arguments)
    {
        var directory = Path.Combine(repository, project);
        var name = Path.GetFileName(project);
        var assembly = Path.Combine(directory, "bin", configuration, "net10.0", name + ".dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build {project} in {configuration} first.");
        }
        // env --default-signal: a background job of a non-interactive shell starts with SIGINT ignored, and a child
        // inherits that; the AppHost must take SIGINT as Ctrl+C in a terminal delivers it.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", assembly, .. arguments])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = AppHostLaunchProfile.HttpProfileOnFreePorts(Path.Combine(directory, "Properties", "launchSettings.json"));
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var appHost = new AppHostProcess(process, clock, new Uri(environment["ASPNETCORE_URLS"]));
        process.OutputDataReceived += (_, line) => appHost.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => appHost.OnOutput(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return appHost;
    }

    /// <summary>The time (since start) at which the AppHost printed a line containing <paramref name="text"/>.</summary>
    public Task<TimeSpan> WhenPrinted(string text)
    {
        lock (_output)
        {
            var seen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                seen.SetResult(_clock.Elapsed);
            }
            else
            {
                _awaited.Add((text, seen));
            }
            return seen.Task;
        }
    }

    /// <summary>Fails when the AppHost exits; meant to race readiness.</summary>
    public async Task<TimeSpan> ExitedAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
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
            await Task.Delay(10, cancellationToken);
        }
        throw new TimeoutException($"{timeout.TotalSeconds:0} s after SIGINT these were still running:\n  " +
            string.Join("\n  ", tracked.Where(p => p.IsAlive)));
    }

    /// <summary>The last lines the AppHost printed, for a failure's message.</summary>
    public string Tail(int lines)
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(lines));
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ProcessInfo> leftovers;
        lock (_seen)
        {
            leftovers = [.. _seen];
        }
        leftovers.AddRange(ProcessTree.Family(Id));
        // DCP first, so that it does not restart what is being killed.
        foreach (var process in leftovers.OrderByDescending(p => p.IsDcp))
        {
            ProcessTree.Kill(process);
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
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
                seen.TrySetResult(_clock.Elapsed);
                _awaited.Remove((text, seen));
            }
        }
    }
}
