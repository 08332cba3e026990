using System.Net;
using Backend.Hosting.Testing;
using Canvas.Api.Infrastructure;
using Canvas.Api.Tasks;
using Canvas.Api.Tests.Infrastructure;
using SkiaSharp;

namespace Canvas.Api.Tests;

/// <summary>Canvas.Api in front of the real Orchestrator, found through service discovery's configuration.</summary>
public sealed class EndToEndCanvasApiFactory(LocalDependenciesFixture dependencies) : CanvasApiFactory(dependencies)
{
    public RealOrchestrator Orchestrator { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Orchestrator = await RealOrchestrator.StartAsync(Dependencies, BucketName, OrchestratorApiKey);
    }

    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["services:orchestrator:http:0"] = Orchestrator.Address.ToString();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Orchestrator.DisposeAsync();
    }
}

public sealed class EndToEndTests(EndToEndCanvasApiFactory api) : IClassFixture<EndToEndCanvasApiFactory>
{
    [Fact]
    public async Task AThumbnailTaskRunsThroughTheOrchestratorAndItsResultIsServedFromTheSession()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var session = await client.CreateSessionAsync();
        var image = await client.UploadImageAsync(session.Id, TestImages.Png(200, 100));

        var submitted = await (await client.PostJsonAsync($"/api/sessions/{session.Id}/images/{image.Id}/tasks",
            new { type = "thumbnail", parameters = new { maxSize = 64, format = "png" } })).ReadAsAsync<TaskResponse>(HttpStatusCode.Accepted);

        TaskResponse? done = null;
        await Eventually.HoldsAsync(async () =>
        {
            var page = await (await client.GetAsync($"/api/sessions/{session.Id}/tasks")).ReadAsAsync<Page<TaskResponse>>(HttpStatusCode.OK);
            done = page.Items.Single(task => task.Id == submitted.Id);
            Assert.NotEqual("failed", done.Status);
            return done.Status == "succeeded";
        }, "the thumbnail task succeeds");

        Assert.StartsWith($"sessions/{session.Id}/results/", Uri.UnescapeDataString(done!.Result!.Url.AbsolutePath).Split('/', 3)[2], StringComparison.Ordinal);
        using var anonymous = new HttpClient();
        using var thumbnail = SKBitmap.Decode(await anonymous.GetByteArrayAsync(done.Result.Url));
        Assert.Equal((64, 32), (thumbnail.Width, thumbnail.Height));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/sessions/{session.Id}")).StatusCode);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
    }
}
