using Backend.Hosting.LocalRun;
using Backend.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>The F5 experience: the whole model starts healthy, in dependency order, and stops without leftovers.</summary>
public sealed class LocalRunTests
{
    [Fact]
    public async Task EveryResourceStartsHealthyAndStoppingLeavesNoProcessBehind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        IReadOnlyList<int> processIds;
        await using (var app = await DistributedApplicationTestingBuilder.StartAsync<Program>(cancellationToken: cancellationToken))
        {
            var resources = app.Runner.Resources.ToDictionary(r => r.Resource.Name);
            Assert.All(["postgres", "canvasdb", "gpu_tasks_queue", "cpu_tasks_queue", "task_store", "images", "orchestrator", "canvas-api"],
                name => Assert.Equal(ResourceState.Running, resources[name].State));
            Assert.Equal("Healthy", resources["canvas-api"].Health);
            // The GPU worker only runs while its instance does, and nothing has asked for it.
            Assert.Equal(ResourceState.Stopped, resources["gpu-instance"].State);
            Assert.Empty(resources["gpuworker"].ProcessIds);

            var health = await app.CreateHttpClient("canvas-api").GetAsync("/health", cancellationToken);
            Assert.True(health.IsSuccessStatusCode, await health.Content.ReadAsStringAsync(cancellationToken));
            processIds = app.Runner.ProcessIds;
            Assert.Equal(5, processIds.Count);
        }

        Assert.All(processIds, pid => Assert.False(IsAlive(pid), $"process {pid} outlived the application"));
    }

    // A zombie (exited, not yet reaped by init) counts as gone.
    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
}
