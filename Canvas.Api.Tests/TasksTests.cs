using System.Net;
using Canvas.Api.Infrastructure;
using Canvas.Api.Tasks;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>The API with the orchestrator's port closed (the default): the orchestrator is down.</summary>
public sealed class TasksWhileTheOrchestratorIsDownTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    [Fact]
    public async Task SubmittingATaskIsServiceUnavailableWithARetryHint()
    {
        var session = await _client.CreateSessionAsync();
        var image = await _client.UploadImageAsync(session.Id, TestImages.Png(8, 8));

        var response = await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", new { type = "thumbnail" });

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await api.CountRowsAsync("tasks", $"session_id = '{session.Id}'"));
    }

    [Fact]
    public async Task ListingTasksIsServiceUnavailableWithARetryHint()
    {
        var session = await _client.CreateSessionAsync();
        var image = await _client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
        await using (var insert = dataSource.CreateCommand(
            $"INSERT INTO tasks (id, session_id, image_id, owner_id, type) SELECT 'recorded-task', session_id, id, owner_id, 'thumbnail' FROM images WHERE id = '{image.Id}'"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var response = await _client.GetAsync($"/api/sessions/{session.Id}/tasks");

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task DeletingASessionWithTasksWaitsForTheOrchestratorAndDeletesNothingMeanwhile()
    {
        var session = await _client.CreateSessionAsync();
        var image = await _client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
        await using (var insert = dataSource.CreateCommand(
            $"INSERT INTO tasks (id, session_id, image_id, owner_id, type) SELECT 'queued-task', session_id, id, owner_id, 'thumbnail' FROM images WHERE id = '{image.Id}'"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var response = await _client.DeleteAsync($"/api/sessions/{session.Id}");

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/sessions/{session.Id}/images/{image.Id}")).StatusCode);
    }

    [Fact]
    public async Task ASessionWithoutTasksListsNoneWithoutAskingTheOrchestrator()
    {
        var session = await _client.CreateSessionAsync();

        var page = await (await _client.GetAsync($"/api/sessions/{session.Id}/tasks")).ReadAsAsync<Page<TaskResponse>>(HttpStatusCode.OK);

        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("{\"type\":\"paint\"}")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"thumbnail\",\"parameters\":[1,2]}")]
    public async Task AnUnknownTaskTypeOrMalformedParametersAreAValidationProblem(string body)
    {
        var session = await _client.CreateSessionAsync();
        var image = await _client.UploadImageAsync(session.Id, TestImages.Png(8, 8));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks", content);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ATaskOnAnUnknownImageIsNotFound()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/{Guid.NewGuid()}/tasks", new { type = "thumbnail" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
