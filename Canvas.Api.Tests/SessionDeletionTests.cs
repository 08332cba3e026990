using System.Net;
using Amazon.S3.Model;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

public sealed class SessionDeletionTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    [Fact]
    public async Task DeletingASessionDeletesItsObjectsAndRowsAndNothingElse()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var doomed = await client.CreateSessionAsync("doomed");
        var kept = await client.CreateSessionAsync("kept");
        await client.UploadImageAsync(doomed.Id, TestImages.Png(4, 4));
        await client.UploadImageAsync(doomed.Id, TestImages.LargePng(9 * 1024 * 1024));
        var keptImage = await client.UploadImageAsync(kept.Id, TestImages.Gif(4, 4));
        // What the orchestrator writes for the session's tasks, and a half-finished direct upload.
        await PutAsync($"sessions/{doomed.Id}/results/task-1.webp");
        await PutAsync($"staging/{doomed.Id}/{Guid.NewGuid()}");
        // A neighbour whose id starts like the doomed one must survive a prefix delete.
        await PutAsync($"sessions/{doomed.Id}-neighbour/images/x");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/sessions/{doomed.Id}")).StatusCode);

        Assert.Empty(await api.ListKeysAsync($"sessions/{doomed.Id}/"));
        Assert.Empty(await api.ListKeysAsync($"staging/{doomed.Id}/"));
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{doomed.Id}'"));
        Assert.Equal([$"sessions/{kept.Id}/images/{keptImage.Id}"], await api.ListKeysAsync($"sessions/{kept.Id}/"));
        Assert.Single(await api.ListKeysAsync($"sessions/{doomed.Id}-neighbour/"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/sessions/{kept.Id}/images/{keptImage.Id}")).StatusCode);
    }

    private async Task PutAsync(string key) => await api.S3.PutObjectAsync(new PutObjectRequest { BucketName = api.BucketName, Key = key, ContentBody = "x" });
}
