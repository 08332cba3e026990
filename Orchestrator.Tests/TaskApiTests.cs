using System.Net;
using System.Net.Http.Json;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Tasks;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tests;

/// <summary>The task API with no worker running: what is stored, where messages go, idempotency, listing, cancel.</summary>
public sealed class TaskApiTests(LocalDependenciesFixture fixture) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> NoWorkers = new()
    {
        ["Workers:Cpu:Enabled"] = "false",
        ["Outbox:Enabled"] = "false",
    };

    private OrchestratorFactory _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), NoWorkers);
        _client = _app.CreateAuthorizedClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("thumbnail", TaskQueueNames.Cpu)]
    [InlineData("convert", TaskQueueNames.Cpu)]
    [InlineData("upscale", TaskQueueNames.Gpu)]
    [InlineData("generate", TaskQueueNames.Gpu)]
    public async Task TheTaskTypeDecidesWhichQueueTheMessageGoesTo(string type, string queue)
    {
        object body = type switch
        {
            "thumbnail" => new { type, input = new { key = "in/a.png" } },
            "convert" => new { type, input = new { key = "in/a.png" }, parameters = new { format = "png" } },
            "upscale" => new { type, input = new { key = "in/a.png" } },
            _ => new { type, parameters = new { prompt = "a lighthouse at dusk" } },
        };

        using var response = await _client.SubmitAsync(body);
        var task = (await response.Content.ReadFromJsonAsync<TaskResponse>(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/tasks/{task.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", task.Status);
        var expected = queue == TaskQueueNames.Cpu ? _app.Resources.CpuQueue.Url : _app.Resources.GpuQueue.Url;
        var other = queue == TaskQueueNames.Cpu ? _app.Resources.GpuQueue.Url : _app.Resources.CpuQueue.Url;
        var message = Assert.Single(await QueueProbe.ReceiveAsync(fixture.Sqs, expected));
        Assert.Equal(task.Id, TaskMessage.TryParse(message.Body)?.TaskId);
        Assert.Equal(0, await QueueProbe.CountAsync(fixture.Sqs, other));
    }

    [Fact]
    public async Task ASubmittedTaskIsStoredWithItsDefaultsFilledInAndReadBack()
    {
        var submitted = await _client.SubmitAcceptedAsync(new { type = "thumbnail", sessionId = "s-1", input = new { key = "in/photo.jpg" } });

        var read = await _client.GetTaskAsync(submitted.Id);

        Assert.Equal("thumbnail", read.Type);
        Assert.Equal("queued", read.Status);
        Assert.Equal("s-1", read.SessionId);
        Assert.Equal("in/photo.jpg", read.Input?.Key);
        Assert.Equal(256, read.Parameters.GetProperty("maxSize").GetInt32());
        Assert.Equal("webp", read.Parameters.GetProperty("format").GetString());
        Assert.Equal(0, read.Attempts);
        Assert.Null(read.StartedAt);
        Assert.Null(read.Result);
    }

    [Fact]
    public async Task AnUnknownTaskIdIsA404ProblemDetails()
    {
        using var response = await _client.GetAsync("/api/tasks/does-not-exist", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListingASessionReturnsItsTasksNewestFirstPageByPage()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _client.SubmitAcceptedAsync(TaskClient.Thumbnail($"in/{i}.png", sessionId: "listing"))).Id);
        }
        await _client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/other.png", sessionId: "another-session"));

        var first = await _client.GetFromJsonAsync<TaskListResponse>("/api/tasks?sessionId=listing&limit=2", TestContext.Current.CancellationToken);
        var second = await _client.GetFromJsonAsync<TaskListResponse>(
            $"/api/tasks?sessionId=listing&limit=2&continuationToken={Uri.EscapeDataString(first!.ContinuationToken!)}", TestContext.Current.CancellationToken);

        Assert.Equal([ids[2], ids[1]], first.Items.Select(task => task.Id));
        Assert.Equal([ids[0]], second!.Items.Select(task => task.Id));
    }

    [Fact]
    public async Task ARetriedSubmitWithTheSameIdempotencyKeyReturnsTheSameTaskAndSendsOneMessage()
    {
        var body = TaskClient.Thumbnail("in/same.png");

        var first = await _client.SubmitAcceptedAsync(body, idempotencyKey: "retry-me");
        var second = await _client.SubmitAcceptedAsync(body, idempotencyKey: "retry-me");

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await QueueProbe.ReceiveAsync(fixture.Sqs, _app.Resources.CpuQueue.Url));
    }

    [Fact]
    public async Task TheSameIdempotencyKeyWithADifferentBodyIs422()
    {
        await _client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/one.png"), idempotencyKey: "reused");

        using var response = await _client.SubmitAsync(TaskClient.Thumbnail("in/two.png"), idempotencyKey: "reused");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AQueuedTaskCanBeCancelledOnceAndThenConflicts()
    {
        var task = await _client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/cancel.png"));

        using var cancel = await _client.PostAsync($"/api/tasks/{task.Id}/cancel", null, TestContext.Current.CancellationToken);
        using var again = await _client.PostAsync($"/api/tasks/{task.Id}/cancel", null, TestContext.Current.CancellationToken);
        using var unknown = await _client.PostAsync("/api/tasks/nope/cancel", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<TaskResponse>(TestContext.Current.CancellationToken))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ABatchReadGivesTheTasksFoundInOrderAndNamesTheMissingOnes()
    {
        var first = await _client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/1.png"));
        var second = await _client.SubmitAcceptedAsync(TaskClient.Thumbnail("in/2.png"));

        var response = await _client.PostAsJsonAsync("/api/tasks/batch", new { ids = new[] { second.Id, "no-such-task", first.Id } }, TestContext.Current.CancellationToken);

        var batch = (await response.Content.ReadFromJsonAsync<TaskBatchResponse>(TestContext.Current.CancellationToken))!;
        Assert.Equal([second.Id, first.Id], batch.Items.Select(task => task.Id));
        Assert.Equal(["no-such-task"], batch.Missing);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task ABatchReadOfNoneOrMoreThanAHundredIdsIsAValidationProblem(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"task-{i}").ToArray();

        var response = await _client.PostAsJsonAsync("/api/tasks/batch", new { ids }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ids", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
