using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests;

/// <summary>The dead-letter worker ends only tasks nobody works on.</summary>
public sealed class DeadLetterTests(LocalDependenciesFixture fixture)
{
    [Fact]
    public async Task ADeadLetteredCopyOfARunningTasksMessageDoesNotFailTheTaskItsWorkerFinishes()
    {
        using var release = new SemaphoreSlim(0);
        var handler = new ScriptedHandler(TaskTypes.Thumbnail, async (task, _, token) =>
        {
            await release.WaitAsync(token); // runs for as long as the test says, heartbeating its 2 s lease
            return ScriptedHandler.FakeResult(task);
        });
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), configure: services => services.AddSingleton<ITaskHandler>(handler));
        var client = app.CreateAuthorizedClient();
        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/long.png"));
        await client.WaitForStatusAsync(submitted.Id, "running");

        // A duplicate that kept finding the task busy, moved to the dead-letter queue by SQS.
        var deadLetters = app.Resources.CpuQueue.DeadLetterQueue!.Url;
        await fixture.Sqs.SendMessageAsync(deadLetters, new TaskMessage(submitted.Id, submitted.Type).ToJson(), TestContext.Current.CancellationToken);
        await WaitUntilReceivedAsync(deadLetters);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // what the worker did with it is done by now
        Assert.Equal("running", (await client.GetTaskAsync(submitted.Id)).Status);
        release.Release();

        var task = await client.WaitForStatusAsync(submitted.Id, "succeeded");
        Assert.Equal((1, null), (task.Attempts, task.Error));
        await QueueProbe.WaitUntilEmptyAsync(fixture.Sqs, deadLetters, TimeSpan.FromSeconds(45));
        Assert.Equal("succeeded", (await client.GetTaskAsync(submitted.Id)).Status);
    }

    private async Task WaitUntilReceivedAsync(string queueUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await fixture.Sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages"], TestContext.Current.CancellationToken)).ApproximateNumberOfMessages > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The dead-letter worker never received the message.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
