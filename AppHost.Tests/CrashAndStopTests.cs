using System.Diagnostics;

namespace AppHost.Tests;

/// <summary>A crashed service comes back on its own, what it had accepted still gets done, and stopping leaves nothing behind.</summary>
public sealed class CrashAndStopTests
{
    [Fact]
    public async Task KillingTheOrchestratorMidRunRestartsItLosesNoAcceptedTaskAndStoppingLeavesNoProcess()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var application = new ApplicationUnderTest();
        IReadOnlyList<int> processes;
        try
        {
            await application.InitializeAsync();
            var user = CanvasUser.SignIn(application, "user-crash");
            var session = await user.CreateSessionAsync("Episode 3");
            var image = await user.UploadPngAsync(session, width: 800, height: 600);
            var accepted = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                accepted.Add((await user.SubmitAsync(session, image, "thumbnail", new { maxSize = 64 + i }))!);
            }

            Process.GetProcessById(ProcessId(application, "orchestrator")).Kill();
            // Submitting while it is down is refused with a 503 (the client retries); nothing half-accepted.
            if (await user.SubmitAsync(session, image, "thumbnail", new { maxSize = 99 }) is { } duringOutage)
            {
                accepted.Add(duringOutage);
            }

            await application.App.ResourceNotifications.WaitForResourceAsync(
                "orchestrator", e => e.Snapshot.Properties.Any(p => p.Name == "restarts") && e.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            foreach (var taskId in accepted)
            {
                var task = await user.WaitForTaskAsync(session, taskId, "succeeded", TimeSpan.FromSeconds(90));
                Assert.NotNull(task.GetProperty("result").GetProperty("url").GetString());
            }
            processes = application.ProcessIds();
        }
        finally
        {
            await application.DisposeAsync();
        }

        Assert.NotEmpty(processes);
        Assert.All(processes, pid => Assert.False(IsAlive(pid), $"process {pid} outlived the application"));
    }

    private static int ProcessId(ApplicationUnderTest application, string resource)
    {
        Assert.True(application.App.ResourceNotifications.TryGetCurrentState(resource, out var current));
        return int.Parse(current.Snapshot.Properties.First(p => p.Name is "executable.pid" or "project.pid").Value!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
