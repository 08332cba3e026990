using System.Net;
using Canvas.Api.Images;
using Canvas.Api.Infrastructure;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

public sealed class PresignedUploadTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());
    private static readonly HttpClient S3Direct = new();

    [Fact]
    public async Task AnImagePutToItsUploadUrlIsCheckedAndStoredWhenConfirmed()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = TestImages.Jpeg(32, 24);

        var upload = await RequestUploadAsync(session.Id, new { fileName = "C:\\photos\\holiday.jpg", size = bytes.Length });
        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(bytes))).EnsureSuccessStatusCode();
        var image = await (await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null))
            .ReadAsAsync<ImageResponse>(HttpStatusCode.OK);

        Assert.Equal((upload.ImageId, "image/jpeg", 32, 24, TestImages.Sha256Hex(bytes), "holiday.jpg"),
            (image.Id, image.ContentType, image.Width, image.Height, image.Sha256, image.FileName));
        Assert.Equal([$"sessions/{session.Id}/images/{image.Id}"], await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Equal(bytes, await api.ReadObjectAsync($"sessions/{session.Id}/images/{image.Id}"));
        var listed = await (await _client.GetAsync($"/api/sessions/{session.Id}/images")).ReadAsAsync<Page<ImageResponse>>(HttpStatusCode.OK);
        Assert.Equal(image.Id, Assert.Single(listed.Items).Id);
        // Confirming again changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null)).StatusCode);
    }

    [Fact]
    public async Task ABadObjectAtConfirmationIsDeletedAndRefusedAndAGoodOneCanFollow()
    {
        var session = await _client.CreateSessionAsync();
        var good = TestImages.Png(3, 3);
        var bad = new byte[good.Length];
        "<html>not an image</html>"u8.CopyTo(bad);
        var upload = await RequestUploadAsync(session.Id, new { size = good.Length });
        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(bad))).EnsureSuccessStatusCode();

        var refused = await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null);

        await refused.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Empty(await api.ListKeysAsync($"staging/{session.Id}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}")).StatusCode);

        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(good))).EnsureSuccessStatusCode();
        var image = await (await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null))
            .ReadAsAsync<ImageResponse>(HttpStatusCode.OK);
        Assert.Equal("image/png", image.ContentType);
    }

    [Fact]
    public async Task ConfirmingBeforeAnythingWasUploadedIsAConflict()
    {
        var session = await _client.CreateSessionAsync();
        var upload = await RequestUploadAsync(session.Id, new { size = 10 });

        await (await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null)).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnUploadDeclaredLargerThanTheLimitGetsNoUrl()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/uploads", new { size = 257L * 1024 * 1024 });

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnUploadUrlSaysWhatItAllowsAndWhenItExpires()
    {
        var session = await _client.CreateSessionAsync();

        var upload = await RequestUploadAsync(session.Id, new { size = 1234 });

        Assert.Equal(("PUT", 256L * 1024 * 1024, 1234L), (upload.Method, upload.MaxBytes, upload.Size));
        Assert.InRange(upload.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Contains($"staging/{session.Id}/{upload.ImageId}", upload.UploadUrl.AbsolutePath, StringComparison.Ordinal);
        // Real S3 refuses a PUT of any other length: the length is signed (the emulator checks no signatures).
        var signedHeaders = System.Web.HttpUtility.ParseQueryString(upload.UploadUrl.Query)["X-Amz-SignedHeaders"];
        Assert.Contains("content-length", signedHeaders?.Split(';') ?? [], StringComparer.Ordinal);
    }

    [Fact]
    public async Task AnUploadUrlWithoutASizeIsABadRequest()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/uploads", new { fileName = "a.png" });

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AStagedObjectOfAnotherSizeThanDeclaredIsRefusedAndDeletedAtConfirmation()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = TestImages.Png(6, 6);
        var upload = await RequestUploadAsync(session.Id, new { size = bytes.Length - 1 });
        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(bytes))).EnsureSuccessStatusCode();

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null);

        Assert.Equal("Upload size mismatch", (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Title);
        Assert.Empty(await api.ListKeysAsync($"staging/{session.Id}/"));
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
    }

    [Fact]
    public async Task AConfirmationWhoseDatabaseWriteFailsCanBeRetriedAndStoresTheUpload()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = TestImages.Png(5, 4);
        var upload = await RequestUploadAsync(session.Id, new { size = bytes.Length });
        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(bytes))).EnsureSuccessStatusCode();
        await api.FailNextImageWriteAsync("UPDATE", $"NEW.id = '{upload.ImageId}' AND NEW.status = 'ready'");

        var failed = await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null);
        var retried = await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null);

        await failed.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        var image = await retried.ReadAsAsync<ImageResponse>(HttpStatusCode.OK);
        Assert.Equal(TestImages.Sha256Hex(bytes), image.Sha256);
        Assert.Equal(bytes, await api.ReadObjectAsync($"sessions/{session.Id}/images/{image.Id}"));
        Assert.Equal([$"sessions/{session.Id}/images/{image.Id}"], await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Empty(await api.ListKeysAsync($"staging/{session.Id}/"));
    }

    private async Task<UploadUrlResponse> RequestUploadAsync(Guid sessionId, object body) =>
        await (await _client.PostJsonAsync($"/api/sessions/{sessionId}/images/uploads", body)).ReadAsAsync<UploadUrlResponse>(HttpStatusCode.OK);
}
