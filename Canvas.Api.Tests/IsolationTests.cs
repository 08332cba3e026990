using System.Net;
using System.Net.Http.Json;
using Canvas.Api.Infrastructure;
using Canvas.Api.Sessions;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>One user's sessions, images and tasks do not exist for another: every attempt is a 404, and changes nothing.</summary>
public sealed class IsolationTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private readonly HttpClient _owner = api.CreateClientFor(CanvasApiFactory.NewUserId());
    private readonly HttpClient _intruder = api.CreateClientFor(CanvasApiFactory.NewUserId());

    [Fact]
    public async Task AnotherUsersSessionImagesAndTasksAreNotFoundWhateverIsTried()
    {
        var session = await _owner.CreateSessionAsync("private");
        var image = await _owner.UploadImageAsync(session.Id, TestImages.Png(4, 4));
        var sessionUrl = $"/api/sessions/{session.Id}";
        var imageUrl = $"{sessionUrl}/images/{image.Id}";

        HttpResponseMessage[] attempts =
        [
            await _intruder.GetAsync(sessionUrl),
            await _intruder.PatchAsync(sessionUrl, JsonContent.Create(new { title = "mine now" })),
            await _intruder.GetAsync($"{sessionUrl}/images"),
            await _intruder.GetAsync(imageUrl),
            await _intruder.UploadAsync(session.Id, TestImages.Png(2, 2)),
            await _intruder.PostJsonAsync($"{sessionUrl}/images/uploads", new { size = 10 }),
            await _intruder.PostAsync($"{imageUrl}/confirm", null),
            await _intruder.PostJsonAsync($"{imageUrl}/tasks", new { type = "thumbnail" }),
            await _intruder.GetAsync($"{sessionUrl}/tasks"),
            await _intruder.GetAsync($"{sessionUrl}/tasks/some-task"),
            await _intruder.DeleteAsync(imageUrl),
            await _intruder.DeleteAsync(sessionUrl),
        ];

        Assert.All(attempts, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.Equal("private", (await (await _owner.GetAsync(sessionUrl)).ReadAsAsync<Session>(HttpStatusCode.OK)).Title);
        Assert.Equal(HttpStatusCode.OK, (await _owner.GetAsync(imageUrl)).StatusCode);
        Assert.Single(await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Equal(1, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));
    }

    [Fact]
    public async Task EachUserListsOnlyTheirOwnSessions()
    {
        var mine = await _owner.CreateSessionAsync("mine");
        var theirs = await _intruder.CreateSessionAsync("theirs");

        var ownerSees = await (await _owner.GetAsync("/api/sessions")).ReadAsAsync<Page<Session>>(HttpStatusCode.OK);
        var intruderSees = await (await _intruder.GetAsync("/api/sessions")).ReadAsAsync<Page<Session>>(HttpStatusCode.OK);

        Assert.Contains(ownerSees.Items, session => session.Id == mine.Id);
        Assert.DoesNotContain(ownerSees.Items, session => session.Id == theirs.Id);
        Assert.DoesNotContain(intruderSees.Items, session => session.Id == mine.Id);
    }
}
