using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Store;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tests;

/// <summary>The conditional transitions of the DynamoDB store, one race at a time.</summary>
public sealed class TaskStoreTests(LocalDependenciesFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private DynamoDbTaskStore _store = null!;
    private IOptions<TaskStoreOptions> _options = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var table = await fixture.CreateTableAsync(TestResources.TaskTableDefinition, Token);
        _options = Options.Create(new TaskStoreOptions { TableName = table });
        _store = new DynamoDbTaskStore(fixture.DynamoDb, _options, TimeProvider.System);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task CreatingATaskWhoseIdIsTakenThrowsAndLeavesTheFirstUntouched()
    {
        var task = NewTask("s");
        await _store.CreateAsync(task, Token);

        await Assert.ThrowsAsync<TaskAlreadyExistsException>(() => _store.CreateAsync(task with { InputKey = "other.png" }, Token));

        Assert.Equal("in.png", (await _store.GetAsync(task.Id, Token))?.InputKey);
    }

    [Fact]
    public async Task ATaskStartsOnceWhileItsLeaseLivesAndTheSecondStarterGetsNothing()
    {
        var task = await CreatedAsync();

        var first = await _store.TryStartAsync(task.Id, "a", Lease, Token);
        var second = await _store.TryStartAsync(task.Id, "b", Lease, Token);

        Assert.Equal((TaskState.Running, 1, "a"), (first!.Status, first.Attempts, first.LeaseOwner));
        Assert.Null(second);
    }

    [Fact]
    public async Task AnExpiredLeaseIsTakenOverAndTheOldAttemptCanNeitherRenewNorComplete()
    {
        var task = await CreatedAsync();
        var old = await _store.TryStartAsync(task.Id, "old", TimeSpan.FromMilliseconds(1), Token);
        await Task.Delay(20, Token);

        var takeover = await _store.TryStartAsync(task.Id, "new", Lease, Token);
        var oldLease = new TaskLease(task.Id, "old", old!.Attempts);

        Assert.Equal(2, takeover?.Attempts);
        Assert.False(await _store.RenewLeaseAsync(oldLease, Lease, Token));
        Assert.False(await _store.CompleteAsync(oldLease, new TaskResult("x", "image/png", 1, 1, 1), Token));
        Assert.True(await _store.CompleteAsync(new TaskLease(task.Id, "new", 2), new TaskResult("y", "image/png", 1, 1, 1), Token));
        Assert.Equal("y", (await _store.GetAsync(task.Id, Token))?.Result?.Key);
    }

    [Fact]
    public async Task AReleasedTaskIsQueuedAgainWithTheReasonAndCanBeCancelledThen()
    {
        var task = await CreatedAsync();
        var started = await _store.TryStartAsync(task.Id, "a", Lease, Token);

        Assert.True(await _store.ReleaseAsync(new TaskLease(task.Id, "a", started!.Attempts), "attempt 1 failed: timeout", Token));
        var released = await _store.GetAsync(task.Id, Token);
        var cancelled = await _store.CancelAsync(task.Id, Token);

        Assert.Equal((TaskState.Queued, "attempt 1 failed: timeout"), (released!.Status, released.Error));
        Assert.Equal(TaskState.Cancelled, cancelled?.Status);
    }

    [Fact]
    public async Task FailingAnUnfinishedTaskLeavesAFinishedOneAlone()
    {
        var done = await CreatedAsync();
        var started = await _store.TryStartAsync(done.Id, "a", Lease, Token);
        await _store.CompleteAsync(new TaskLease(done.Id, "a", started!.Attempts), new TaskResult("r", "image/png", 1, 1, 1), Token);
        var waiting = await CreatedAsync();

        Assert.False(await _store.FailAbandonedAsync(done.Id, "dead-lettered", Token));
        Assert.True(await _store.FailAbandonedAsync(waiting.Id, "dead-lettered", Token));
        Assert.Equal(TaskState.Succeeded, (await _store.GetAsync(done.Id, Token))?.Status);
        Assert.Equal((TaskState.Failed, "dead-lettered"), ((await _store.GetAsync(waiting.Id, Token))!.Status, (await _store.GetAsync(waiting.Id, Token))!.Error));
    }

    [Fact]
    public async Task ADeadLetteredTaskIsFailedOnlyOnceNoWorkerHoldsItsLease()
    {
        var held = await CreatedAsync();
        var started = await _store.TryStartAsync(held.Id, "live", TimeSpan.FromMinutes(5), Token);
        var abandoned = await CreatedAsync();
        await _store.TryStartAsync(abandoned.Id, "crashed", TimeSpan.FromMilliseconds(1), Token);
        await Task.Delay(50, Token); // the 1 ms lease is over

        Assert.False(await _store.FailAbandonedAsync(held.Id, "dead-lettered", Token));
        Assert.True(await _store.FailAbandonedAsync(abandoned.Id, "dead-lettered", Token));
        Assert.True(await _store.CompleteAsync(new TaskLease(held.Id, "live", started!.Attempts), new TaskResult("r", "image/png", 1, 1, 1), Token));
        Assert.Equal(TaskState.Failed, (await _store.GetAsync(abandoned.Id, Token))?.Status);
    }

    [Fact]
    public async Task OnlyUnsentTasksOlderThanTheCutoffAreListedForTheSweeper()
    {
        var unsent = await CreatedAsync(unsent: true);
        var sent = await CreatedAsync(unsent: true);
        await _store.MarkSentAsync(sent.Id, Token);

        var listed = await _store.ListUnsentAsync(TaskQueueNames.Cpu, DateTimeOffset.UtcNow.AddSeconds(1), 100, Token);
        var tooYoung = await _store.ListUnsentAsync(TaskQueueNames.Cpu, DateTimeOffset.UtcNow.AddMinutes(-1), 100, Token);

        Assert.Equal([unsent.Id], listed);
        Assert.Empty(tooYoung);
    }

    [Fact]
    public async Task AContinuationTokenOfAnotherSessionIsRejected()
    {
        await CreatedAsync(session: "one");
        await CreatedAsync(session: "one");
        var page = await _store.ListBySessionAsync("one", 1, null, Token);

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => _store.ListBySessionAsync("two", 1, page.ContinuationToken, Token));
    }

    [Fact]
    public async Task ABatchReadAsksAgainForTheKeysAThrottledTableLeftUnprocessedBackingOff()
    {
        var tasks = new[] { await CreatedAsync(), await CreatedAsync(), await CreatedAsync() };
        var (client, throttle) = ThrottledBatchReads.Wrap(fixture.DynamoDb, throttled: 2);
        var clock = new InstantDelays();

        var found = await new DynamoDbTaskStore(client, _options, clock).GetManyAsync([.. tasks.Select(task => task.Id)], Token);

        Assert.Equal(tasks.Select(task => task.Id).Order(), found.Select(task => task.Id).Order());
        Assert.Equal(3, throttle.BatchGets);
        Assert.Equal([DynamoDbTaskStore.BatchGetBackoff(1), DynamoDbTaskStore.BatchGetBackoff(2)], clock.Delays);
    }

    [Fact]
    public async Task ABatchReadOfATableThatStaysThrottledFailsAfterItsLastRequest()
    {
        var task = await CreatedAsync();
        var (client, throttle) = ThrottledBatchReads.Wrap(fixture.DynamoDb, throttled: int.MaxValue, nothingRead: true);
        var clock = new InstantDelays();
        // Without a bound the read would ask until cancelled: cancelled here, that is a failure of its own kind.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException>(
            () => new DynamoDbTaskStore(client, _options, clock).GetManyAsync([task.Id], patience.Token));

        Assert.Contains("1 of 1 keys", failure.Message, StringComparison.Ordinal);
        Assert.Equal(DynamoDbTaskStore.BatchGetRequests, throttle.BatchGets);
        Assert.Equal([50, 100, 200, 400, 800], clock.Delays.Select(delay => delay.TotalMilliseconds));
    }

    private async Task<TaskRecord> CreatedAsync(bool unsent = false, string session = "s")
    {
        var task = NewTask(session) with { Unsent = unsent };
        await _store.CreateAsync(task, Token);
        return task;
    }

    private static TaskRecord NewTask(string session) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Type = TaskTypes.Thumbnail, Status = TaskState.Queued, SessionId = session, InputKey = "in.png",
        OutputPrefix = "results/", Parameters = TaskParameters.Normalize(TaskTypes.Thumbnail, null, new Dictionary<string, string[]>()),
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };
}
