using System.Net;
using Backend.Hosting.Testing;
using Canvas.Api.Images;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>The API with a CDN (CloudFront in production) in front of the bucket.</summary>
public sealed class CdnCanvasApiFactory(LocalDependenciesFixture dependencies) : CanvasApiFactory(dependencies)
{
    public const string CdnBaseUrl = "https://cdn.example.test/media/";

    protected override void AddSettings(IDictionary<string, string?> settings) => settings["Images:CdnBaseUrl"] = CdnBaseUrl;
}

public sealed class CdnUrlTests(CdnCanvasApiFactory api) : IClassFixture<CdnCanvasApiFactory>
{
    [Fact]
    public async Task WithACdnConfiguredImagesAreServedFromItWithoutExpiry()
    {
        var client = api.CreateClientFor(CanvasApiFactory.NewUserId());
        var session = await client.CreateSessionAsync();

        var image = await client.UploadImageAsync(session.Id, TestImages.Png(4, 4));
        var fetched = await (await client.GetAsync($"/api/sessions/{session.Id}/images/{image.Id}")).ReadAsAsync<ImageResponse>(HttpStatusCode.OK);

        Assert.Equal(new Uri($"https://cdn.example.test/media/sessions/{session.Id}/images/{image.Id}"), fetched.Url);
        Assert.Null(fetched.UrlExpiresAt);
    }
}
