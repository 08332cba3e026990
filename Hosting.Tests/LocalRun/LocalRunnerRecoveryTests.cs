using Backend.Hosting.LocalRun;

namespace Backend.Hosting.Tests.LocalRun;

/// <summary>What a running application looks like when a service crashes or its health check starts failing.</summary>
public sealed class LocalRunnerRecoveryTests
{
    [Fact]
    public async Task AProcessThatCrashesIsRestartedWithAGrowingBackoffAndComesBackRunning()
    {
        await using var app = new ExecutableApplication();
        // Crashes on its first two starts (the count survives restarts in a file), then stays up.
        app.AddBash("flaky", """
            n=$(cat starts 2>/dev/null || echo 0); echo $((n + 1)) > starts
            if [ "$n" -lt 2 ]; then echo "start $n: giving up" >&2; exit 3; fi
            echo "start $n: up"; exec sleep 1000
            """);
        await app.StartAsync();
        var flaky = app["flaky"];

        // Each Exited state lasts its whole backoff, so waiting for it one after the other cannot miss it.
        await flaky.WaitUntilAsync(
            r => r is { State: ResourceState.Exited, Restarts: 1, Message: "exited with code 3; restarting in 1 s" }, "the first restart announced");
        await flaky.WaitUntilAsync(
            r => r is { State: ResourceState.Exited, Restarts: 2, Message: "exited with code 3; restarting in 2 s" }, "the second restart announced");
        await flaky.WaitUntilAsync(r => r is { State: ResourceState.Running, Restarts: 2 }, "Running after two restarts");
        await flaky.WaitUntilAsync(r => r.ConsoleLines().Any(l => l is { Text: "start 2: up", IsError: false }), "its third start's output");

        Assert.Equal(3, flaky.ExitCode);
        Assert.Single(flaky.ProcessIds);
        Assert.True(ProcessTable.IsAlive(flaky.ProcessIds[0]));
    }

    [Fact]
    public async Task AWrapperScriptThatCrashesWhileItsChildLivesOnIsRestartedAndItsChildDoesNotLinger()
    {
        await using var app = new ExecutableApplication();
        app.AddBash("wrapper", "sleep 1000 & echo \"child $!\"; sleep 0.2; exit 3");
        await app.StartAsync();
        var wrapper = app["wrapper"];
        try
        {
            await wrapper.WaitUntilAsync(r => r is { State: ResourceState.Exited, Restarts: 1 }, "the crash seen and a restart announced");
            // Killed with the wrapper's process group; SIGKILL takes effect a moment after it is sent.
            Assert.Empty(await ProcessTable.WaitUntilGoneAsync([.. Children(wrapper)], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        }
        finally
        {
            // The orphans would hold the test host's pipes open and hang the run.
            foreach (var pid in Children(wrapper).Where(ProcessTable.IsAlive))
            {
                using var orphan = System.Diagnostics.Process.GetProcessById(pid);
                orphan.Kill();
            }
        }

        static IEnumerable<int> Children(ResourceRuntime wrapper) => wrapper.ConsoleLines()
            .Where(l => l.Text.StartsWith("child ", StringComparison.Ordinal))
            .Select(l => int.Parse(l.Text[6..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AHealthCheckThatStartsFailingShowsUnhealthyWithTheReasonAndHealthyAgainWhenItRecovers()
    {
        await using var app = new ExecutableApplication();
        app.AddNodeServer("api");
        await app.StartAsync();
        var api = app["api"];
        await api.WaitUntilHealthyAsync();
        var processId = Assert.Single(api.ProcessIds);
        using var http = new HttpClient { BaseAddress = new Uri(api.Urls[0]) };

        await http.GetStringAsync(new Uri("/sick", UriKind.Relative), ExecutableApplication.Cancellation);
        await api.WaitUntilAsync(r => r.Health == "Unhealthy", "Unhealthy");

        // Still running (the process is up; only its health check fails), and saying why.
        Assert.Equal(ResourceState.Running, api.State);
        Assert.Equal("/health answered 503", api.Message);

        await http.GetStringAsync(new Uri("/well", UriKind.Relative), ExecutableApplication.Cancellation);
        await api.WaitUntilHealthyAsync();

        Assert.Null(api.Message);
        Assert.Equal(0, api.Restarts);
        Assert.Equal([processId], api.ProcessIds);
    }
}
