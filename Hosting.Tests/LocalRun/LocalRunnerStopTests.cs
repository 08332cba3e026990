using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Backend.Hosting.LocalRun;

namespace Backend.Hosting.Tests.LocalRun;

/// <summary>Ctrl+C: everything stops, dependents first, and no process is left behind.</summary>
public sealed class LocalRunnerStopTests
{
    [Fact]
    public async Task DisposingStopsEveryProcessDependentsFirstAndLeavesNoneBehindNotEvenTheirChildren()
    {
        await using var app = new ExecutableApplication();
        var back = app.AddNodeServer("back");
        app.AddNodeServer("front").WaitFor(back);
        // A wrapper script whose real work is a child process, as `npm start` or a shell script is.
        app.AddBash("wrapper", "sleep 1000 & echo \"child $!\"; wait");
        await app.StartAsync();
        await app.Runner.AllStarted.WaitAsync(ExecutableApplication.Patience, ExecutableApplication.Cancellation);
        await app["wrapper"].WaitUntilAsync(r => r.ConsoleLines().Any(l => l.Text.StartsWith("child ", StringComparison.Ordinal)), "its child's id printed");
        var child = int.Parse(app["wrapper"].ConsoleLines().First(l => l.Text.StartsWith("child ", StringComparison.Ordinal)).Text[6..], CultureInfo.InvariantCulture);
        IReadOnlyList<int> processIds = [.. app.Runner.ProcessIds, child];
        Assert.Equal(4, processIds.Count);
        Assert.All(processIds, pid => Assert.True(ProcessTable.IsAlive(pid), $"process {pid} is not running"));
        var transitions = new ConcurrentQueue<(string Name, ResourceState State)>();
        foreach (var runtime in app.Runner.Resources)
        {
            runtime.Changed += () => transitions.Enqueue((runtime.Resource.Name, runtime.State));
        }

        try
        {
            // Bounded: a stop that never ends must fail the test, not hang the run.
            await app.Runner.DisposeAsync().AsTask().WaitAsync(ExecutableApplication.Patience, ExecutableApplication.Cancellation);

            Assert.All(processIds, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived the application"));
            Assert.Empty(app.Runner.ProcessIds);
            Assert.All(app.Runner.Resources, r => Assert.Equal((ResourceState.Stopped, "the application stopped"), (r.State, r.Message)));
            var order = transitions.Distinct().ToList();
            Assert.True(order.IndexOf(("front", ResourceState.Stopped)) < order.IndexOf(("back", ResourceState.Stopping)),
                $"back began stopping before front had stopped: {string.Join(", ", order)}");
        }
        finally
        {
            // Whatever the outcome, the test itself leaves nothing running.
            foreach (var pid in processIds.Where(ProcessTable.IsAlive))
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
            }
        }
    }

    [Fact]
    public async Task AServiceThatIgnoresSigtermIsKilledAfterTheGracePeriodWhileTheOthersStopOnSigterm()
    {
        await using var app = new ExecutableApplication();
        // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
        app.AddBash("stubborn", "trap '' TERM; echo ready; exec sleep 1000");
        app.AddNodeServer("polite");
        var grace = TimeSpan.FromSeconds(1);
        await app.StartAsync(new LocalRunOptions { UseFreePorts = true, StopGracePeriod = grace });
        await app.Runner.AllStarted.WaitAsync(ExecutableApplication.Patience, ExecutableApplication.Cancellation);
        await app["stubborn"].WaitUntilAsync(r => r.ConsoleLines().Any(l => l.Text == "ready"), "its trap set");
        var processIds = app.Runner.ProcessIds;

        await app.Runner.DisposeAsync().AsTask().WaitAsync(ExecutableApplication.Patience, ExecutableApplication.Cancellation);

        Assert.All(processIds, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived the application"));
        Assert.Equal(128 + 9, app["stubborn"].ExitCode); // SIGKILL
        Assert.Equal(128 + 15, app["polite"].ExitCode); // SIGTERM
        // Killed only once its grace period was over, not at once.
        Assert.True(app.Runner.StopDuration >= grace, $"stopped in {app.Runner.StopDuration}");
        Assert.All(app.Runner.Resources, r => Assert.Equal(ResourceState.Stopped, r.State));
    }
}
