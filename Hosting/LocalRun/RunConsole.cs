using System.Diagnostics;
using Spectre.Console;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// What a developer sees in the terminal: a live table of every resource while the application
/// starts, then the URLs and a development token to copy, then one line per state change. Without a
/// terminal (output redirected, CI), state changes are lines from the start.
/// </summary>
internal sealed class RunConsole
{
    private readonly bool _live = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
    private readonly Dictionary<string, string> _lastShown = [];

    public async Task<bool> ShowStartupAsync(LocalRunner runner, CancellationToken cancellationToken)
    {
        if (!_live)
        {
            return await FollowUntilAsync(runner, runner.AllStarted, cancellationToken).ConfigureAwait(false);
        }
        var started = false;
        await AnsiConsole.Live(ResourceTable.Render(runner.Resources)).AutoClear(false).StartAsync(async live =>
        {
            using var changed = new SemaphoreSlim(0);
            foreach (var resource in runner.Resources)
            {
                resource.Changed += Signal;
            }
            try
            {
                while (!runner.AllStarted.IsCompleted && !cancellationToken.IsCancellationRequested)
                {
                    live.UpdateTarget(ResourceTable.Render(runner.Resources));
                    // Redraw on a change, at most every 100 ms, and at least every second (elapsed times).
                    await Task.WhenAny(changed.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken), runner.AllStarted).ConfigureAwait(false);
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                }
                live.UpdateTarget(ResourceTable.Render(runner.Resources));
                started = runner.AllStarted.IsCompletedSuccessfully;
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                foreach (var resource in runner.Resources)
                {
                    resource.Changed -= Signal;
                }
            }

            void Signal() => changed.Release();
        }).ConfigureAwait(false);
        Remember(runner);
        return started;
    }

    public static void ShowSummary(LocalRunner runner, IReadOnlyList<(string Resource, string Token)> tokens)
    {
        // Plain, unwrapped lines: URLs and tokens must copy whole from any terminal width.
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        AnsiConsole.MarkupLine($"[green bold]Up in {sinceStart.TotalSeconds:0.0} s[/] [grey](since the AppHost process started)[/].");
        foreach (var resource in runner.Resources.Where(r => r.Type == "Project" && r.Urls.Count > 0))
        {
            Console.WriteLine($"  {resource.Resource.Name,-14}{string.Join("  ", resource.Urls)}");
        }
        Console.WriteLine($"  {"dashboard",-14}{runner.DashboardLoginUrl}");
        foreach (var (resource, token) in tokens)
        {
            Console.WriteLine($"Development token for {resource} (valid 12 h; send it as Authorization: Bearer <token>):");
            Console.WriteLine(token);
        }
        AnsiConsole.MarkupLine("[grey]Press Ctrl+C to stop. State changes follow.[/]");
    }

    public async Task FollowAsync(LocalRunner runner, CancellationToken cancellationToken) =>
        await FollowUntilAsync(runner, Task.Delay(Timeout.Infinite, cancellationToken), cancellationToken).ConfigureAwait(false);

    public static void Failed(string message) =>
        AnsiConsole.MarkupLine($"[red]The application could not start:[/] {message.EscapeMarkup()}");

    public static void Stopping() => AnsiConsole.MarkupLine("[yellow]Stopping every resource…[/]");

    public static void Stopped(TimeSpan took) => AnsiConsole.MarkupLine($"[green]Stopped in {took.TotalSeconds:0.0} s; no process left running.[/]");

    private async Task<bool> FollowUntilAsync(LocalRunner runner, Task until, CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0);
        void Signal() => changed.Release();
        foreach (var resource in runner.Resources)
        {
            resource.Changed += Signal;
        }
        try
        {
            while (!until.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                PrintChanges(runner);
                await Task.WhenAny(changed.WaitAsync(Timeout.Infinite, cancellationToken), until).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var resource in runner.Resources)
            {
                resource.Changed -= Signal;
            }
        }
        PrintChanges(runner);
        return until.IsCompletedSuccessfully;
    }

    private void PrintChanges(LocalRunner runner)
    {
        foreach (var resource in runner.Resources)
        {
            var line = ResourceTable.Line(resource);
            if (!_lastShown.TryGetValue(resource.Resource.Name, out var last) || last != line)
            {
                _lastShown[resource.Resource.Name] = line;
                AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {line}");
            }
        }
    }

    private void Remember(LocalRunner runner)
    {
        foreach (var resource in runner.Resources)
        {
            _lastShown[resource.Resource.Name] = ResourceTable.Line(resource);
        }
    }
}
