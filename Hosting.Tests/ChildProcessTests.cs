using System.Collections.Concurrent;
using System.Diagnostics;
using Backend.Hosting.Local;
using Backend.Hosting.Processes;

namespace Backend.Hosting.Tests;

public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StopAsyncEndsAChildWithItsStopSignal()
    {
        await using var child = await ChildProcess.StartAsync(new ChildProcessStartInfo("sleep") { Arguments = ["1000"] }, TestContext.Current.CancellationToken);

        await child.StopAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(128 + 15, await child.Exited); // SIGTERM
        Assert.False(ProcessTable.IsAlive(child.Id));
    }

    [Fact]
    public async Task StopAsyncEscalatesToSigkillWhenTheChildIgnoresSigterm()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
        await using var child = await ChildProcess.StartAsync(new ChildProcessStartInfo("bash")
        {
            Arguments = ["-c", "trap '' TERM; echo ready; exec sleep 1000"],
        }, cancellationToken);
        await child.WaitForOutputAsync(line => line == "ready", Patience, cancellationToken);

        await child.StopAsync(TimeSpan.FromMilliseconds(300), cancellationToken);

        Assert.Equal(128 + 9, await child.Exited); // SIGKILL
        Assert.False(ProcessTable.IsAlive(child.Id));
        Assert.DoesNotContain(child.Id, ChildProcessRegistry.ProcessIds);
    }

    [Fact]
    public async Task ChildOutlivesTheThreadThatStartedIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        ChildProcess? child = null;
        // pdeathsig fires when the forking thread exits: this thread exits as soon as the child
        // is running under its death signal (bash runs only after setpriv has set it).
        var thread = new Thread(() =>
        {
            child = ChildProcess.StartAsync(new ChildProcessStartInfo("bash") { Arguments = ["-c", "echo ready; exec sleep 1000"] }).GetAwaiter().GetResult();
            child.WaitForOutputAsync(line => line == "ready", Patience).GetAwaiter().GetResult();
        });
        thread.Start();
        thread.Join();
        await using var started = child!;

        await Task.Delay(500, cancellationToken);

        Assert.True(ProcessTable.IsAlive(started.Id));
        Assert.False(started.Exited.IsCompleted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgres")] // the uid change of RunAsUser must keep the death signal
    public async Task ChildDiesWhenItsOwnerProcessIsKilled(string runAsUser)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var owner = await ChildProcess.StartAsync(new ChildProcessStartInfo("dotnet")
        {
            Arguments = [Path.Combine(AppContext.BaseDirectory, "Hosting.Tests.ProcessOwner.dll"), .. runAsUser.Length > 0 ? (string[])[runAsUser] : []],
        }, cancellationToken);
        var line = await owner.WaitForOutputAsync(l => l.StartsWith("child ", StringComparison.Ordinal), Patience, cancellationToken);
        var grandchild = int.Parse(line["child ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessTable.IsAlive(grandchild));

        // SIGKILL to the owner alone: no cleanup code of the owner runs, only the kernel's death signal.
        using (var process = Process.GetProcessById(owner.Id))
        {
            process.Kill(entireProcessTree: false);
        }

        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([grandchild], Patience, cancellationToken));
    }

    [Fact]
    public async Task OutputLinesGoToTheCallbackAndTheLatestOnesStayInTheBoundedLog()
    {
        var seen = new ConcurrentQueue<ProcessOutputLine>();
        await using var child = await ChildProcess.StartAsync(new ChildProcessStartInfo("bash")
        {
            Arguments = ["-c", "for i in $(seq 1 50); do echo line $i; done; echo oops >&2"],
            OutputCapacity = 10,
            OnOutput = seen.Enqueue,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, await child.Exited);

        Assert.Equal(10, child.Output.Snapshot().Count);
        Assert.Contains("line 50", child.Output.Snapshot().Select(l => l.Text));
        Assert.Equal(51, seen.Count);
        Assert.Contains(seen, l => l.IsError && l.Text == "oops");
    }

    [Fact]
    public void MissingNodeIsReportedWithTheCommandThatInstallsIt()
    {
        var error = Assert.Throws<LocalDependencyException>(() => Executables.Resolve("/nonexistent/bin/node"));

        Assert.Equal("Node.js 20+ is required: apt-get install -y nodejs npm", error.Message);
    }
}
