using System.Net;
using Backend.Hosting.Testing;
using Canvas.Api.Images;
using Canvas.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Canvas.Api.Tests;

/// <summary>Real Kestrel with room for 3 uploads at a time, 2 per user, and a 1 KiB/s floor on how slowly a body may come.</summary>
public sealed class UploadCapacityCanvasApiFactory : CanvasApiFactory
{
    public UploadCapacityCanvasApiFactory(LocalDependenciesFixture dependencies) : base(dependencies) => UseKestrel(0);

    internal UploadSlots Slots => Services.GetRequiredService<UploadSlots>();

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Uploads:MaxConcurrent"] = "3";
        settings["Uploads:MaxConcurrentPerUser"] = "2";
        settings["Uploads:MinBytesPerSecond"] = "1024";
        settings["Uploads:MinRateGracePeriod"] = "00:00:02";
    }
}

public sealed class UploadCapacityTests(UploadCapacityCanvasApiFactory api) : IClassFixture<UploadCapacityCanvasApiFactory>
{
    [Fact]
    public async Task UploadsBeyondAUsersShareAreTooManyAndBeyondTheServersAreUnavailableBothWithRetryAfter()
    {
        var alice = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var bob = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var carol = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var aliceSession = await alice.CreateSessionAsync();
        var bobSession = await bob.CreateSessionAsync();
        var carolSession = await carol.CreateSessionAsync();
        using var gate = new HeldContent.Gate();

        var held = new[]
        {
            alice.PostAsync($"/api/sessions/{aliceSession.Id}/images", new HeldContent(TestImages.Png(8, 8), gate)),
            alice.PostAsync($"/api/sessions/{aliceSession.Id}/images", new HeldContent(TestImages.Png(8, 8), gate)),
            bob.PostAsync($"/api/sessions/{bobSession.Id}/images", new HeldContent(TestImages.Png(8, 8), gate)),
        };
        await Eventually.HoldsAsync(() => Task.FromResult(api.Slots.InFlight == 3), "three uploads hold their slots");
        var aliceThird = await alice.UploadAsync(aliceSession.Id, TestImages.Png(8, 8));
        var carolFirst = await carol.UploadAsync(carolSession.Id, TestImages.Png(8, 8));
        gate.Open();

        await aliceThird.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(aliceThird.Headers.RetryAfter);
        await carolFirst.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(carolFirst.Headers.RetryAfter);
        Assert.All(await Task.WhenAll(held), response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        await Eventually.HoldsAsync(() => Task.FromResult(api.Slots.InFlight == 0), "every slot is given back");
        Assert.Equal(HttpStatusCode.Created, (await carol.UploadAsync(carolSession.Id, TestImages.Png(8, 8))).StatusCode);
    }

    [Fact]
    public async Task AClientThatStopsSendingIsCutOffAndItsSlotGivenBack()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var session = await client.CreateSessionAsync();
        using var gate = new HeldContent.Gate(); // opened only at the end: the client stalls after its first bytes

        var upload = client.PostAsync($"/api/sessions/{session.Id}/images", new HeldContent(TestImages.LargePng(1024 * 1024), gate));
        await Eventually.HoldsAsync(() => Task.FromResult(api.Slots.InFlight == 1), "the upload starts");

        // The server gives up on the stalled body on its own (the client, blocked mid-body, cannot tell yet).
        await Eventually.HoldsAsync(() => Task.FromResult(api.Slots.InFlight == 0), "the stalled upload gives its slot back");
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));
        gate.Open();
        await Assert.ThrowsAnyAsync<Exception>(() => upload); // the connection is gone by now
    }

    [Fact]
    public async Task AClientSendingMoreSlowlyThanTheConfiguredFloorIsCutOff()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var session = await client.CreateSessionAsync();
        using var stop = new CancellationTokenSource();

        var upload = client.PostAsync($"/api/sessions/{session.Id}/images", new TrickleContent(TestImages.LargePng(1024 * 1024), stop.Token));
        await Eventually.HoldsAsync(() => Task.FromResult(api.Slots.InFlight == 1), "the upload starts");

        // 500 B/s would pass Kestrel's default floor (240 B/s) for half an hour; the upload floor (1 KiB/s here) ends it.
        await Eventually.HoldsAsync(() => Task.FromResult(api.Slots.InFlight == 0), "the slow upload is cut off");
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => upload);
    }
}
