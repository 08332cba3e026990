using System.Net;
using Backend.Hosting.Testing;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>Small buckets that do not refill during a test: 5 calls per user, 2 of them task calls.</summary>
public sealed class SmallRateLimitCanvasApiFactory(LocalDependenciesFixture dependencies) : CanvasApiFactory(dependencies)
{
    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["RateLimits:Burst"] = "5";
        settings["RateLimits:PerPeriod"] = "5";
        settings["RateLimits:TaskBurst"] = "2";
        settings["RateLimits:TaskPerPeriod"] = "2";
        settings["RateLimits:Period"] = "01:00:00";
    }
}

public sealed class RateLimitTests(SmallRateLimitCanvasApiFactory api) : IClassFixture<SmallRateLimitCanvasApiFactory>
{
    [Fact]
    public async Task AUserPastTheirBucketGetsTooManyRequestsWithRetryAfterAndOthersAreServed()
    {
        var greedy = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var other = api.CreateClientFor(CanvasApiFactory.NewUserId());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/sessions")).StatusCode);
        }
        var refused = await greedy.GetAsync("/api/sessions");

        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.Title);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/sessions")).StatusCode);
    }

    [Fact]
    public async Task TaskCallsHaveASmallerBucketOfTheirOwn()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var session = await client.CreateSessionAsync();

        var first = await client.GetAsync($"/api/sessions/{session.Id}/tasks");
        var second = await client.GetAsync($"/api/sessions/{session.Id}/tasks");
        var otherCall = await client.GetAsync($"/api/sessions/{session.Id}");
        var third = await client.GetAsync($"/api/sessions/{session.Id}/tasks");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, otherCall.StatusCode));
        await third.ReadProblemAsync(HttpStatusCode.TooManyRequests); // 4 of the 5 general calls used: the task bucket said no
    }
}
