using System.Net;
using System.Net.Http.Json;
using Canvas.Api.Infrastructure;
using Canvas.Api.Sessions;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

public sealed class SessionsTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    [Fact]
    public async Task CreatingASessionReturnsItAndWhereToFindIt()
    {
        var response = await _client.PostJsonAsync("/api/sessions", new { title = "  Episode 1  " });

        var session = await response.ReadAsAsync<Session>(HttpStatusCode.Created);
        Assert.Equal("Episode 1", session.Title);
        Assert.Equal($"/api/sessions/{session.Id}", response.Headers.Location?.AbsolutePath);
        var fetched = await (await _client.GetAsync(response.Headers.Location)).ReadAsAsync<Session>(HttpStatusCode.OK);
        Assert.Equal(session, fetched);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0000title")]
    public async Task CreatingASessionWithoutAUsableTitleIsAValidationProblem(string? title)
    {
        var response = await _client.PostJsonAsync("/api/sessions", new { title });

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ATitleOfTwoHundredCharactersIsAcceptedAndOneMoreIsNot()
    {
        (await _client.PostJsonAsync("/api/sessions", new { title = new string('a', 200) })).EnsureSuccessStatusCode();

        await (await _client.PostJsonAsync("/api/sessions", new { title = new string('a', 201) })).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsABadRequestProblem()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/sessions", content);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListingSessionsPagesThroughThemNewestFirst()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await (await client.PostJsonAsync("/api/sessions", new { title = $"s{i}" })).ReadAsAsync<Session>(HttpStatusCode.Created)).Id);
        }

        var seen = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = token is null ? "/api/sessions?limit=2" : $"/api/sessions?limit=2&continuationToken={Uri.EscapeDataString(token)}";
            var page = await (await client.GetAsync(url)).ReadAsAsync<Page<Session>>(HttpStatusCode.OK);
            seen.AddRange(page.Items.Select(session => session.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Theory]
    [InlineData("/api/sessions?limit=0")]
    [InlineData("/api/sessions?limit=101")]
    [InlineData("/api/sessions?continuationToken=not-a-token")]
    [InlineData("/api/sessions?limit=ten")]
    public async Task BadPagingParametersAreABadRequestProblem(string url)
    {
        await (await _client.GetAsync(url)).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RenamingASessionChangesItsTitle()
    {
        var session = await (await _client.PostJsonAsync("/api/sessions", new { title = "before" })).ReadAsAsync<Session>(HttpStatusCode.Created);

        var renamed = await (await _client.PatchAsync($"/api/sessions/{session.Id}", JsonContent.Create(new { title = "after" })))
            .ReadAsAsync<Session>(HttpStatusCode.OK);

        Assert.Equal("after", renamed.Title);
        Assert.True(renamed.UpdatedAt >= session.UpdatedAt);
        Assert.Equal("after", (await (await _client.GetAsync($"/api/sessions/{session.Id}")).ReadAsAsync<Session>(HttpStatusCode.OK)).Title);
        await (await _client.PatchAsync($"/api/sessions/{session.Id}", JsonContent.Create(new { title = "" }))).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeletingASessionMakesItGone()
    {
        var session = await (await _client.PostJsonAsync("/api/sessions", new { title = "doomed" })).ReadAsAsync<Session>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/sessions/{session.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/sessions/{session.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/sessions/{session.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/sessions/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/sessions/not-a-guid")]
    public async Task AnUnknownSessionIsNotFound(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);
    }
}
