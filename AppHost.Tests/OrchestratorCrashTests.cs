using Backend.Hosting.LocalRun;

namespace AppHost.Tests;

/// <summary>A crashed service comes back on its own, and what it had accepted still gets done.</summary>
public sealed class OrchestratorCrashTests(RunningApplication application) : IClassFixture<RunningApplication>
{
    [Fact]
    public async Task KillingTheOrchestratorMidRunRestartsItAndLosesNoAcceptedTask()
    {
        var app = application.Host;
        var user = await CanvasUser.SignInAsync(app, "user-crash");
        var session = await user.CreateSessionAsync("Episode 3");
        var image = await user.UploadPngAsync(session, width: 800, height: 600);
        var accepted = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            accepted.Add((await user.SubmitAsync(session, image, "thumbnail", new { maxSize = 64 + i }))!);
        }

        await app.Runner.KillAsync("orchestrator");
        // Submitting while it is down is refused with a 503 (the client retries); nothing half-accepted.
        var duringOutage = await user.SubmitAsync(session, image, "thumbnail", new { maxSize = 99 });
        if (duringOutage is not null)
        {
            accepted.Add(duringOutage);
        }

        await app.WaitForStateAsync("orchestrator", ResourceState.Running, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(app.Runner.GetResource("orchestrator").Restarts >= 1);
        foreach (var taskId in accepted)
        {
            var task = await user.WaitForTaskAsync(session, taskId, "succeeded", TimeSpan.FromSeconds(90));
            Assert.NotNull(task.GetProperty("result").GetProperty("url").GetString());
        }
    }
}
