using System.Net;
using Backend.Hosting.Testing;
using Canvas.Api.Infrastructure;
using Canvas.Api.Tasks;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>The API pointed (through service discovery's configuration) at <see cref="ContractOrchestrator"/>.</summary>
public sealed class ContractOrchestratorCanvasApiFactory(LocalDependenciesFixture dependencies) : CanvasApiFactory(dependencies)
{
    public ContractOrchestrator Orchestrator { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Orchestrator = await ContractOrchestrator.StartAsync(OrchestratorApiKey);
    }

    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["services:orchestrator:http:0"] = Orchestrator.Address.ToString();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Orchestrator.DisposeAsync();
    }
}

public sealed class TasksContractTests(ContractOrchestratorCanvasApiFactory api) : IClassFixture<ContractOrchestratorCanvasApiFactory>
{
    private readonly string _userId = CanvasApiFactory.NewUserId();

    [Fact]
    public async Task ASubmittedTaskCarriesTheImageKeyTheSessionsResultsPrefixAndTheServiceKey()
    {
        var client = api.CreateClientFor(_userId);
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(8, 8));

        var response = await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "thumbnail", parameters = new { maxSize = 64 } });

        var task = await response.ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);
        Assert.Equal(("thumbnail", "queued", session.Id, image.Id), (task.Type, task.Status, task.SessionId, task.ImageId));
        Assert.Equal($"/api/sessions/{session.Id}/tasks/{task.Id}", response.Headers.Location?.AbsolutePath);
        var sent = Assert.Single(api.Orchestrator.Submissions, submission => submission.Body["sessionId"]?.GetValue<string>() == session.Id.ToString());
        Assert.Equal($"Bearer {CanvasApiFactory.OrchestratorApiKey}", sent.Authorization);
        Assert.False(string.IsNullOrEmpty(sent.IdempotencyKey));
        Assert.Equal($"sessions/{session.Id}/images/{image.Id}", sent.Body["input"]!["key"]!.GetValue<string>());
        Assert.Equal($"sessions/{session.Id}/results/", sent.Body["outputPrefix"]!.GetValue<string>());
        Assert.Equal(64, sent.Body["parameters"]!["maxSize"]!.GetValue<int>());
    }

    [Fact]
    public async Task ARetriedSubmitWithTheSameIdempotencyKeyGivesTheSameTaskOnce()
    {
        var client = api.CreateClientFor(_userId);
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        client.DefaultRequestHeaders.Add("Idempotency-Key", "retry-me-1");

        var first = await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "upscale" })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);
        var second = await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "upscale" })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await api.CountRowsAsync("tasks", $"session_id = '{session.Id}'"));
        var keys = api.Orchestrator.Submissions.Where(s => s.Body["sessionId"]?.GetValue<string>() == session.Id.ToString()).Select(s => s.IdempotencyKey).Distinct();
        Assert.DoesNotContain("retry-me-1", Assert.Single(keys)!, StringComparison.Ordinal); // scoped to the user, not passed verbatim
    }

    [Fact]
    public async Task TheOrchestratorsValidationErrorsArePassedOnAsABadRequest()
    {
        var client = api.CreateClientFor(_userId);
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(8, 8));

        var response = await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "convert" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parameters.format", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(problem);
        Assert.Equal(0, await api.CountRowsAsync("tasks", $"session_id = '{session.Id}'"));
    }

    [Fact]
    public async Task ListedTasksShowTheirCurrentStatusAndAUrlForResultsInTheSessionOnly()
    {
        var client = api.CreateClientFor(_userId);
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        var submitted = new List<TaskResponse>();
        foreach (var type in new[] { "thumbnail", "upscale", "thumbnail" })
        {
            submitted.Add(await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted));
        }
        api.Orchestrator.Succeed(submitted[0].Id, $"sessions/{session.Id}/results/{submitted[0].Id}.webp");
        api.Orchestrator.Succeed(submitted[1].Id, $"sessions/{Guid.NewGuid()}/results/elsewhere.webp");

        var page = await (await client.GetAsync($"/api/sessions/{session.Id}/tasks")).ReadAsAsync<Page<TaskResponse>>(HttpStatusCode.OK);

        Assert.Equal(submitted.Select(task => task.Id).Reverse(), page.Items.Select(task => task.Id));
        var done = page.Items.Single(task => task.Id == submitted[0].Id);
        Assert.Equal("succeeded", done.Status);
        Assert.Contains($"sessions/{session.Id}/results/{submitted[0].Id}.webp", done.Result!.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull(done.Result.UrlExpiresAt);
        Assert.Null(page.Items.Single(task => task.Id == submitted[1].Id).Result);
        Assert.Equal("queued", page.Items.Single(task => task.Id == submitted[2].Id).Status);
        var single = await (await client.GetAsync($"/api/sessions/{session.Id}/tasks/{submitted[0].Id}")).ReadAsAsync<TaskResponse>(HttpStatusCode.OK);
        Assert.Equal("succeeded", single.Status);
    }

    [Fact]
    public async Task AFullPageOfTasksIsShownWithOneOrchestratorRequest()
    {
        var client = api.CreateClientFor(_userId);
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        var known = await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "thumbnail" })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);
        // 99 older tasks the orchestrator has long forgotten (its records expire), recorded straight in the database.
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
        await using (var insert = dataSource.CreateCommand($"""
            INSERT INTO tasks (id, session_id, image_id, owner_id, type, created_at)
            SELECT 'old-' || n, session_id, id, owner_id, 'thumbnail', now() - n * interval '1 minute'
            FROM images, generate_series(1, 99) AS n WHERE id = '{image.Id}'
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }
        var before = api.Orchestrator.Requests.Count;

        var page = await (await client.GetAsync($"/api/sessions/{session.Id}/tasks?limit=100")).ReadAsAsync<Page<TaskResponse>>(HttpStatusCode.OK);

        Assert.Equal(100, page.Items.Count);
        Assert.Equal(["POST /api/tasks/batch"], api.Orchestrator.Requests.Skip(before));
        Assert.Equal("queued", page.Items.Single(task => task.Id == known.Id).Status);
        Assert.All(page.Items.Where(task => task.Id != known.Id), task => Assert.Equal("unknown", task.Status));
    }

    [Fact]
    public async Task DeletingASessionCancelsItsQueuedTasksAndLeavesFinishedOnesAlone()
    {
        var client = api.CreateClientFor(_userId);
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        var queued = await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "thumbnail" })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);
        var done = await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "upscale" })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);
        api.Orchestrator.Succeed(done.Id, $"sessions/{session.Id}/results/{done.Id}.webp");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/sessions/{session.Id}")).StatusCode);

        Assert.Equal(("cancelled", "succeeded"), (api.Orchestrator.Status(queued.Id), api.Orchestrator.Status(done.Id)));
        Assert.Equal(0, await api.CountRowsAsync("tasks", $"session_id = '{session.Id}'"));
    }

    [Fact]
    public async Task AnotherUsersTasksAreNotFound()
    {
        var owner = api.CreateClientFor(_userId);
        var session = await owner.CreateSessionAsync();
        var image = await owner.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        var task = await (await owner.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "thumbnail" })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);
        var intruder = api.CreateClientFor(CanvasApiFactory.NewUserId());

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/sessions/{session.Id}/tasks/{task.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/sessions/{session.Id}/tasks")).StatusCode);
    }
}
