using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using AppHost.Tests.Publishing;
using Backend.Hosting.Local;
using Backend.Hosting.Testing;

namespace AppHost.Tests.Dashboard;

/// <summary>
/// The built AppHost run as F5 runs it, with its dashboard (which Aspire.Hosting.Testing turns off):
/// <c>dotnet AppHost.dll</c> with the <c>http</c> launch profile's environment, every port a free one and the secrets
/// given, so that it meets neither a developer's run nor their user secrets; and a HOME of its own, without a developer
/// certificate, as on a fresh machine (whether this machine has one must not decide what the test sees). Disposing stops
/// it as Ctrl+C does (SIGINT, SIGKILL after 10 s) and then kills whatever of its run (DCP included) is still alive.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _home;
    private readonly List<string> _output = [];
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _awaited = [];

    private AppHostProcess(Process process, string home)
    {
        _process = process;
        _home = home;
        process.OutputDataReceived += (_, line) => OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => OnOutput(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static AppHostProcess Start()
    {
        var directory = Path.Combine(RepositoryFiles.Root, "AppHost");
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(directory, "bin", configuration, "net10.0", "AppHost.dll");
        // env --default-signal: a child of a shell's background job inherits SIGINT ignored; the AppHost must take it.
        var start = new ProcessStartInfo("env",
        [
            "--default-signal=INT", "dotnet", assembly,
            $"--Ports:canvas-api={FreePort.Next()}",
            $"--Ports:orchestrator={FreePort.Next()}",
            $"--Parameters:supabase-jwt-secret={RandomNumberGenerator.GetHexString(48)}",
            $"--Parameters:orchestrator-api-key={RandomNumberGenerator.GetHexString(32)}",
        ])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (variable, value) in AppHostLaunchProfile.HttpProfileOnFreePorts(Path.Combine(directory, "Properties", "launchSettings.json")))
        {
            start.Environment[variable] = value;
        }
        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var home = Directory.CreateTempSubdirectory("apphost-test-home-").FullName;
        start.Environment["HOME"] = home;
        // The caches and npm's configuration stay the machine's: nothing is downloaded again, npm ci (on first use) still
        // reaches the registry the machine is set up for.
        start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(userHome, ".nuget", "packages");
        start.Environment["npm_config_cache"] = Path.Combine(userHome, ".npm");
        start.Environment["npm_config_userconfig"] = Path.Combine(userHome, ".npmrc");
        return new AppHostProcess(Process.Start(start)!, home);
    }

    /// <summary>The first line the AppHost prints that contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        Task<string> seen;
        lock (_output)
        {
            seen = _output.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } line
                ? Task.FromResult(line)
                : AddAwaited(text);
        }
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(seen, exited, Task.Delay(timeout)) != seen)
        {
            throw new InvalidOperationException(
                $"The AppHost {(exited.IsCompleted ? $"exited ({_process.ExitCode})" : $"did not print \"{text}\" within {timeout.TotalSeconds:0} s")}; its last output:\n{Tail()}");
        }
        return await seen;
    }

    public string Tail()
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(60));
        }
    }

    public async ValueTask DisposeAsync()
    {
        var pid = _process.Id;
        var run = ProcessFamily.Of(pid);
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        // DCP stops the resources once the AppHost is gone; whatever it has not stopped within the grace is killed.
        var deadline = Stopwatch.StartNew();
        while (ProcessFamily.Alive([.. run, .. ProcessFamily.Of(pid)]).Count > 0 && deadline.Elapsed < StopGrace)
        {
            await Task.Delay(100);
        }
        ProcessFamily.Kill(ProcessFamily.Alive([.. run, .. ProcessFamily.Of(pid)]));
        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Something of the run still wrote there while dying: a leftover in TMPDIR, not a failure.
        }
    }

    private Task<string> AddAwaited(string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaited.Add((text, seen));
        return seen.Task;
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
            foreach (var awaited in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult(line);
                _awaited.Remove(awaited);
            }
        }
    }
}
