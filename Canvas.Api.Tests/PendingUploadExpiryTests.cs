using System.Net;
using Backend.Hosting.Testing;
using Canvas.Api.Images;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>Upload URLs that expire at once and a sweeper that runs often, so that a forgotten upload is swept while the test watches.</summary>
public sealed class ShortUploadLifetimeCanvasApiFactory(LocalDependenciesFixture dependencies) : CanvasApiFactory(dependencies)
{
    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Images:UploadUrlLifetime"] = "00:00:01";
        settings["Images:PendingUploadGrace"] = "00:00:00";
        settings["Images:PendingSweepInterval"] = "00:00:00.200";
    }
}

public sealed class PendingUploadExpiryTests(ShortUploadLifetimeCanvasApiFactory api) : IClassFixture<ShortUploadLifetimeCanvasApiFactory>
{
    private static readonly HttpClient S3Direct = new();
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    [Fact]
    public async Task AnUploadNeverConfirmedIsSweptWithItsStagedBytesOnceItExpires()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = TestImages.Png(4, 4);
        var upload = await (await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/uploads", new { size = bytes.Length }))
            .ReadAsAsync<UploadUrlResponse>(HttpStatusCode.OK);
        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(bytes))).EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(async () => await api.CountRowsAsync("images", $"id = '{upload.ImageId}'") == 0, "the pending row is swept");

        Assert.Empty(await api.ListKeysAsync($"staging/{session.Id}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null)).StatusCode);
    }
}
