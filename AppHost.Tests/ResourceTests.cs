using Amazon.DynamoDBv2;
using Amazon.SQS;
using Backend.Hosting.Aws;
using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Tests;

/// <summary>Each kind of resource of our Aspire integration, as a developer meets it in the dashboard.</summary>
[Collection(nameof(ApplicationUnderTest))]
public sealed class ResourceTests(ApplicationUnderTest application)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryResourceIsRunningAndHealthyExceptTheGpuInstanceWhichIsStoppedAndItsWorkerNotStarted()
    {
        foreach (var resource in application.App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            Assert.True(application.App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current), resource.Name);
            var state = current.Snapshot.State?.Text;
            if (current.Snapshot.IsHidden)
            {
                continue; // Aspire's own helpers, such as each project's rebuilder.
            }
            switch (resource.Name)
            {
                case "gpu-instance":
                    Assert.True(state is "Stopped" or "Pending" or "Running" or "Stopping", state);
                    break;
                case "gpuworker":
                    Assert.NotEqual(KnownResourceStates.FailedToStart, state);
                    break;
                default:
                    Assert.True(resource is ParameterResource || (state == KnownResourceStates.Running && current.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy),
                        $"{resource.Name}: {state} {current.Snapshot.HealthStatus}");
                    break;
            }
        }
    }

    [Fact]
    public void AQueueShowsItsUrlsAndItsDeadLetterQueue()
    {
        var queue = Snapshot("gpu-tasks-queue");
        var url = Property(queue, "queue.url");
        var deadLetterUrl = Property(queue, "queue.dead-letter.url");
        Assert.EndsWith("/gpu_tasks_queue", url, StringComparison.Ordinal);
        Assert.EndsWith("/gpu_tasks_queue-dlq", deadLetterUrl, StringComparison.Ordinal);
        Assert.Equal("5", Property(queue, "queue.dead-letter.max-receive-count"));
        Assert.Contains(queue.Urls, u => u.Url == url);

    }

    [Fact]
    public async Task RedriveMovesDeadLettersBackToTheQueueAndPurgeEmptiesIt()
    {
        var probe = Snapshot(ApplicationUnderTest.ProbeQueue);
        var url = Property(probe, "queue.url");
        var deadLetterUrl = Property(probe, "queue.dead-letter.url");
        using var sqs = SqsClient();
        // Messages that failed too often sit in the dead-letter queue until the developer redrives them.
        await sqs.SendMessageAsync(deadLetterUrl, """{"task_id":"a"}""", Token);
        await sqs.SendMessageAsync(deadLetterUrl, """{"task_id":"b"}""", Token);

        var redrive = await application.App.ResourceCommands.ExecuteCommandAsync(ApplicationUnderTest.ProbeQueue, "redrive-dead-letters", Token);

        Assert.True(redrive.Success, redrive.Message);
        Assert.Equal("Moved 2 message(s) back to probe_queue.", redrive.Message);
        Assert.Equal(0, await VisibleAsync(sqs, deadLetterUrl));
        Assert.Equal(2, await VisibleAsync(sqs, url));

        var purge = await application.App.ResourceCommands.ExecuteCommandAsync(ApplicationUnderTest.ProbeQueue, "purge", Token);

        Assert.True(purge.Success, purge.Message);
        Assert.Equal(0, await VisibleAsync(sqs, url));
    }

    private static async Task<int> VisibleAsync(IAmazonSQS sqs, string queueUrl) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages"], Token)).ApproximateNumberOfMessages;

    [Fact]
    public async Task TheTaskTableHasItsKeysIndexesAndTimeToLiveAsDeclared()
    {
        var table = Snapshot("task-store");
        Assert.Equal("task_id", Property(table, "table.keys"));
        Assert.Equal("by_session, by_outbox", Property(table, "table.indexes"));
        Assert.Equal("expires_at", Property(table, "table.time-to-live"));

        using var dynamoDb = AwsEmulatorClients.CreateDynamoDbClient(new Uri(table.Urls.Single().Url));
        var described = (await dynamoDb.DescribeTableAsync("task_store", Token)).Table;
        Assert.Equal(["by_outbox", "by_session"], described.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
        Assert.Equal(ProjectionType.KEYS_ONLY, described.GlobalSecondaryIndexes.Single(i => i.IndexName == "by_outbox").Projection.ProjectionType);
    }

    [Fact]
    public async Task TheInstanceCommandsStartAndStopItThroughTheEc2ApiAndItsWorkerFollows()
    {
        var notifications = application.App.ResourceNotifications;
        await notifications.WaitForResourceAsync("gpu-instance", "Stopped", Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        var seen = new List<string>();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var watch = Task.Run(async () =>
        {
            await foreach (var change in notifications.WatchAsync(watching.Token))
            {
                if (change.Resource.Name == "gpu-instance" && change.Snapshot.State?.Text is { } state && (seen.Count == 0 || seen[^1] != state))
                {
                    seen.Add(state);
                }
            }
        }, watching.Token);

        var start = await application.App.ResourceCommands.ExecuteCommandAsync("gpu-instance", "start-instance", Token);
        Assert.True(start.Success, start.Message);
        await notifications.WaitForResourceAsync("gpu-instance", "Running", Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.True(notifications.TryGetCurrentState("gpuworker", out var worker) && worker.Snapshot.State?.Text == KnownResourceStates.Running);

        // No GPU work: the orchestrator's controller may stop it as idle first; either way it ends Stopped.
        var stop = await application.App.ResourceCommands.ExecuteCommandAsync("gpu-instance", "stop-instance", Token);
        await notifications.WaitForResourceAsync("gpu-instance", "Stopped", Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        await watching.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch);

        Assert.True(stop.Success || stop.Message!.Contains("IncorrectInstanceState", StringComparison.Ordinal), stop.Message);
        Assert.Equal(["Stopped", "Pending", "Running", "Stopping", "Stopped"], seen.SkipWhile(s => s != "Stopped").ToList());
    }

    private CustomResourceSnapshot Snapshot(string name)
    {
        Assert.True(application.App.ResourceNotifications.TryGetCurrentState(name, out var current), name);
        return current.Snapshot;
    }

    private static string Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.Single(p => p.Name == name).Value?.ToString() ?? "";

    private IAmazonSQS SqsClient()
    {
        var fauxqs = Snapshot("fauxqs");
        return AwsEmulatorClients.CreateSqsClient(new Uri(fauxqs.Urls.First().Url));
    }
}
