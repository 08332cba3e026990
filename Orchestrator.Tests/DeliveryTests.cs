using System.Net;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests;

/// <summary>No task lost, none completed twice: failures injected between the store, the queue and the workers.</summary>
public sealed class DeliveryTests(LocalDependenciesFixture fixture)
{
    private static readonly Dictionary<string, string?> NoCpuWorker = new() { ["Workers:Cpu:Enabled"] = "false" };

    [Fact]
    public async Task AFailedStatusWriteAcceptsNothingAndAnswers503WithRetryAfter()
    {
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), NoCpuWorker);
        var client = app.CreateAuthorizedClient();
        app.Faults.FailNextCreate();

        using var refused = await client.SubmitAsync(TaskClient.Thumbnail("in/a.png"), idempotencyKey: "after-503");
        var retried = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/a.png"), idempotencyKey: "after-503");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        var message = Assert.Single(await QueueProbe.ReceiveAsync(fixture.Sqs, app.Resources.CpuQueue.Url));
        Assert.Equal(retried.Id, TaskMessage.TryParse(message.Body)?.TaskId);
    }

    [Fact]
    public async Task ATaskWhoseQueueSendFailedIsStillDeliveredByTheOutboxSweeperAndCompletes()
    {
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture));
        var client = app.CreateAuthorizedClient();
        var input = await TestImages.UploadAsync(fixture.S3, app.Resources.BucketName, TestImages.Png(64, 64));
        app.Faults.FailNextPublish();

        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail(input));
        var task = await client.WaitForStatusAsync(submitted.Id, "succeeded");

        Assert.Equal(1, task.Attempts);
        Assert.NotNull(task.Result);
    }

    [Fact]
    public async Task ATaskWrittenByAProcessThatDiedBeforeSendingIsStillDelivered()
    {
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture));
        var client = app.CreateAuthorizedClient();
        var input = await TestImages.UploadAsync(fixture.S3, app.Resources.BucketName, TestImages.Png(64, 64));
        var store = app.Services.GetRequiredService<ITaskStore>();
        var orphan = new TaskRecord
        {
            Id = Guid.NewGuid().ToString("N"), Type = TaskTypes.Thumbnail, Status = TaskState.Queued, InputKey = input, OutputPrefix = "results/",
            Parameters = TaskParameters.Normalize(TaskTypes.Thumbnail, null, new Dictionary<string, string[]>()),
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Unsent = true,
        };

        await store.CreateAsync(orphan, TestContext.Current.CancellationToken);
        var task = await client.WaitForStatusAsync(orphan.Id, "succeeded");

        Assert.NotNull(task.Result);
    }

    [Fact]
    public async Task ADuplicatedMessageRunsTheTaskOnceAndBothCopiesAreDeleted()
    {
        var handler = new ScriptedHandler(TaskTypes.Thumbnail, async (task, _, token) =>
        {
            await Task.Delay(1500, token);
            return ScriptedHandler.FakeResult(task);
        });
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), NoCpuWorker, services => services.AddSingleton<ITaskHandler>(handler));
        var client = app.CreateAuthorizedClient();
        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/dup.png"));
        await fixture.Sqs.SendMessageAsync(app.Resources.CpuQueue.Url, new TaskMessage(submitted.Id, submitted.Type).ToJson(), TestContext.Current.CancellationToken);

        await using var worker = RunConsumer(app);
        var task = await client.WaitForStatusAsync(submitted.Id, "succeeded");
        await QueueProbe.WaitUntilEmptyAsync(fixture.Sqs, app.Resources.CpuQueue.Url);

        Assert.Equal(1, handler.Calls);
        Assert.Equal(1, task.Attempts);
    }

    [Fact]
    public async Task AWorkerThatCrashesMidTaskIsTakenOverAfterItsLeaseAndTheTaskCompletesOnce()
    {
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), NoCpuWorker);
        var client = app.CreateAuthorizedClient();
        var store = app.Services.GetRequiredService<ITaskStore>();
        var input = await TestImages.UploadAsync(fixture.S3, app.Resources.BucketName, TestImages.Png(320, 240));
        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail(input, maxSize: 100));

        // The doomed worker: receives the message, takes the lease, and dies without a word.
        Assert.Single(await QueueProbe.ReceiveAsync(fixture.Sqs, app.Resources.CpuQueue.Url, visibilitySeconds: 2));
        var crashed = await store.TryStartAsync(submitted.Id, "crashed-worker", TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal("running", (await client.GetTaskAsync(submitted.Id)).Status);

        await using var worker = RunConsumer(app);
        var task = await client.WaitForStatusAsync(submitted.Id, "succeeded");
        var lateCompletion = await store.CompleteAsync(new TaskLease(submitted.Id, "crashed-worker", crashed!.Attempts),
            new TaskResult("elsewhere.webp", "image/webp", 1, 1, 1), TestContext.Current.CancellationToken);

        Assert.Equal(2, task.Attempts);
        Assert.Equal((100, 75), (task.Result!.Width, task.Result.Height));
        Assert.False(lateCompletion);
        Assert.Equal(task.Result, (await client.GetTaskAsync(submitted.Id)).Result);
        await QueueProbe.WaitUntilEmptyAsync(fixture.Sqs, app.Resources.CpuQueue.Url);
    }

    [Fact]
    public async Task APoisonMessageEndsInTheDeadLetterQueueAndItsTaskFailsWithTheReason()
    {
        var handler = new ScriptedHandler(TaskTypes.Thumbnail, (_, _, _) => throw new InvalidOperationException("the decoder crashed"));
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture, maxReceiveCount: 2), configure: services => services.AddSingleton<ITaskHandler>(handler));
        var client = app.CreateAuthorizedClient();

        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/poison.png"));
        var task = await client.WaitForStatusAsync(submitted.Id, "failed", TimeSpan.FromSeconds(45));

        Assert.Contains("dead-letter queue", task.Error, StringComparison.Ordinal);
        Assert.Contains("the decoder crashed", task.Error, StringComparison.Ordinal);
        Assert.Equal(2, handler.Calls);
        await QueueProbe.WaitUntilEmptyAsync(fixture.Sqs, app.Resources.CpuQueue.DeadLetterQueue!.Url);
    }

    [Fact]
    public async Task AWorkerReceivingACancelledTaskDeletesTheMessageAndDoesNothing()
    {
        var handler = new ScriptedHandler(TaskTypes.Thumbnail, (task, _, _) => Task.FromResult(ScriptedHandler.FakeResult(task)));
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), NoCpuWorker, services => services.AddSingleton<ITaskHandler>(handler));
        var client = app.CreateAuthorizedClient();
        var submitted = await client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/cancelled.png"));
        (await client.PostAsync($"/api/tasks/{submitted.Id}/cancel", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await using var worker = RunConsumer(app);
        await QueueProbe.WaitUntilEmptyAsync(fixture.Sqs, app.Resources.CpuQueue.Url);

        var task = await client.GetTaskAsync(submitted.Id);
        Assert.Equal("cancelled", task.Status);
        Assert.Equal(0, task.Attempts);
        Assert.Equal(0, handler.Calls);
    }

    private static RunningConsumer RunConsumer(OrchestratorFactory app) => RunningConsumer.Start(app);
}
