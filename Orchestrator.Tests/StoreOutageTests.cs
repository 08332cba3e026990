using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests;

/// <summary>An outage of the task store costs time, not work: queued tasks outlive it and then run.</summary>
public sealed class StoreOutageTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task AStoreOutageLongerThanTheDeadLetterBudgetLosesNoQueuedTask()
    {
        var handler = new ScriptedHandler(TaskTypes.Thumbnail, (task, _, _) => Task.FromResult(ScriptedHandler.FakeResult(task)));
        var resources = await TestResources.CreateAsync(fixture, maxReceiveCount: 2);
        await using var app = new OrchestratorFactory(resources, new Dictionary<string, string?> { ["Workers:Cpu:Enabled"] = "false" },
            services => services.AddSingleton<ITaskHandler>(handler));
        var client = app.CreateAuthorizedClient();
        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/outage.png"));

        app.Faults.StartStoreOutage();
        await using (RunningConsumer.Start(app))
        {
            // Many more receives than maxReceiveCount (2) fail on the store, and the dead-letter worker's reads fail too.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (app.Faults.StoreCallsRefused < 8)
            {
                Assert.True(DateTime.UtcNow < deadline, "The consumer stopped trying during the outage.");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            app.Faults.EndStoreOutage();

            var task = await client.WaitForStatusAsync(submitted.Id, "succeeded");
            Assert.Equal(1, task.Attempts);
        }
        Assert.Equal(1, handler.Calls);
        Assert.Equal(0, await QueueProbe.CountAsync(fixture.Sqs, resources.CpuQueue.DeadLetterQueue!.Url));
    }

    [Theory]
    [InlineData("GET", "/api/tasks/some-task")]
    [InlineData("GET", "/api/tasks?sessionId=s1")]
    [InlineData("POST", "/api/tasks/some-task/cancel")]
    public async Task ReadsDuringAStoreOutageAreServiceUnavailableWithRetryAfter(string method, string path)
    {
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), new Dictionary<string, string?> { ["Workers:Cpu:Enabled"] = "false" });
        var client = app.CreateAuthorizedClient();
        app.Faults.StartStoreOutage();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
