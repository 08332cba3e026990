using System.Net;
using System.Net.Http.Headers;
using Amazon.S3.Model;
using Canvas.Api.Images;
using Canvas.Api.Infrastructure;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

public sealed class ImageUploadTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    public static TheoryData<string, string> Formats => new()
    {
        { "png", "image/png" },
        { "jpeg", "image/jpeg" },
        { "webp", "image/webp" },
        { "webp-lossless", "image/webp" },
        { "gif", "image/gif" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AnUploadOfEachImageTypeIsStoredWithItsTypeSizeAndHash(string format, string contentType)
    {
        var bytes = format switch
        {
            "png" => TestImages.Png(40, 30),
            "jpeg" => TestImages.Jpeg(40, 30),
            "webp" => TestImages.WebP(40, 30),
            "webp-lossless" => TestImages.WebP(40, 30, quality: 100),
            _ => TestImages.Gif(40, 30),
        };
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, bytes);

        var image = await response.ReadAsAsync<ImageResponse>(HttpStatusCode.Created);
        Assert.Equal((contentType, 40, 30, (long)bytes.Length, TestImages.Sha256Hex(bytes)), (image.ContentType, image.Width, image.Height, image.Size, image.Sha256));
        Assert.Equal($"/api/sessions/{session.Id}/images/{image.Id}", response.Headers.Location?.AbsolutePath);
        var key = $"sessions/{session.Id}/images/{image.Id}";
        Assert.Equal(bytes, await api.ReadObjectAsync(key));
        var metadata = await api.S3.GetObjectMetadataAsync(api.BucketName, key);
        Assert.Equal(contentType, metadata.Headers.ContentType);
    }

    [Fact]
    public async Task AFileWhoseBytesAreNotAnImageIsUnsupportedWhateverItsContentType()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, "just some text, not a picture"u8.ToArray(), "image/png");

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));
    }

    [Fact]
    public async Task AnImageWhoseHeaderIsCutShortIsUnsupported()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, TestImages.Png(10, 10)[..16], "image/png");

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AnEmptyBodyIsABadRequest()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, []);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AFormUploadKeepsOnlyASanitizedFileNameAndNeverPutsItInTheKey()
    {
        var session = await _client.CreateSessionAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(8, 8));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(new StringContent("ignored"), "caption");
        form.Add(file, "file", "../../etc/pass\u202Ewd.png");

        var image = await (await _client.PostAsync($"/api/sessions/{session.Id}/images", form)).ReadAsAsync<ImageResponse>(HttpStatusCode.Created);

        Assert.Equal("image/png", image.ContentType);
        Assert.Equal("passwd.png", image.FileName);
        Assert.Equal([$"sessions/{session.Id}/images/{image.Id}"], await api.ListKeysAsync($"sessions/{session.Id}/"));
    }

    [Fact]
    public async Task AFormWithoutAFileIsABadRequest()
    {
        var session = await _client.CreateSessionAsync();
        using var form = new MultipartFormDataContent { { new StringContent("no file here"), "caption" } };

        await (await _client.PostAsync($"/api/sessions/{session.Id}/images", form)).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A64MiBUploadIsStoredInPartsWithTheSha256OfWhatS3Holds()
    {
        var bytes = TestImages.LargePng(64 * 1024 * 1024);
        var session = await _client.CreateSessionAsync();

        var image = await _client.UploadImageAsync(session.Id, bytes);

        var key = $"sessions/{session.Id}/images/{image.Id}";
        Assert.Equal(TestImages.Sha256Hex(bytes), image.Sha256);
        Assert.Equal(image.Sha256, TestImages.Sha256Hex(await api.ReadObjectAsync(key)));
        Assert.Equal(8, api.S3Calls.Requests<UploadPartRequest>().Count(part => part.Key == key));
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public async Task ImagesAreListedNewestFirstWithPresignedUrlsThatServeTheirBytes()
    {
        var session = await _client.CreateSessionAsync();
        var first = await _client.UploadImageAsync(session.Id, TestImages.Png(5, 5));
        var second = await _client.UploadImageAsync(session.Id, TestImages.Gif(6, 6));

        var page = await (await _client.GetAsync($"/api/sessions/{session.Id}/images?limit=1")).ReadAsAsync<Page<ImageResponse>>(HttpStatusCode.OK);
        var rest = await (await _client.GetAsync($"/api/sessions/{session.Id}/images?limit=1&continuationToken={page.ContinuationToken}"))
            .ReadAsAsync<Page<ImageResponse>>(HttpStatusCode.OK);

        Assert.Equal([second.Id, first.Id], [page.Items[0].Id, rest.Items[0].Id]);
        Assert.Null(rest.ContinuationToken);
        var listed = page.Items[0];
        Assert.InRange(listed.UrlExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        using var anonymous = new HttpClient();
        Assert.Equal(TestImages.Gif(6, 6), await anonymous.GetByteArrayAsync(listed.Url));
    }

    [Fact]
    public async Task DeletingAnImageRemovesItsRowAndObject()
    {
        var session = await _client.CreateSessionAsync();
        var image = await _client.UploadImageAsync(session.Id, TestImages.Png(5, 5));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/sessions/{session.Id}/images/{image.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/sessions/{session.Id}/images/{image.Id}")).StatusCode);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
    }

    [Fact]
    public async Task UploadingIntoAnUnknownSessionIsNotFound()
    {
        var response = await _client.UploadAsync(Guid.NewGuid(), TestImages.Png(5, 5));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnUploadIntoAnotherUsersSessionIsNotFoundAndStoresNothing()
    {
        var session = await api.CreateClientFor(CanvasApiFactory.NewUserId()).CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, TestImages.Png(5, 5));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(api.S3Calls.Requests<PutObjectRequest>(), put => put.Key.Contains(session.Id.ToString(), StringComparison.Ordinal));
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
    }

    [Fact]
    public async Task TheObjectIsPutPlainWithTheImagesSha256AsItsChecksum()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = TestImages.Png(6, 5);
        var sha256 = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes));

        var image = await _client.UploadImageAsync(session.Id, bytes);

        var put = Assert.Single(api.S3Calls.Requests<PutObjectRequest>(), put => put.Key == $"sessions/{session.Id}/images/{image.Id}");
        Assert.Equal(sha256, put.ChecksumSHA256);
        // Sent as it is: the hash is known up front, so aws-chunked signing would only add work.
        Assert.False(put.UseChunkEncoding);
    }

    [Fact]
    public async Task AnUploadWhosePutFailsLeavesNoRowAndTheNextOneIsStored()
    {
        var session = await _client.CreateSessionAsync();
        api.S3Calls.FailNext(nameof(Amazon.S3.IAmazonS3.PutObjectAsync), new Amazon.S3.AmazonS3Exception("injected failure") { StatusCode = HttpStatusCode.ServiceUnavailable });

        var failed = await _client.UploadAsync(session.Id, TestImages.Png(5, 5));
        await failed.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        // The row was inserted alongside the PUT, uncommitted: the failure rolled it back.
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));

        var stored = await _client.UploadImageAsync(session.Id, TestImages.Png(5, 5));
        var listed = await (await _client.GetAsync($"/api/sessions/{session.Id}/images")).ReadAsAsync<Page<ImageResponse>>(HttpStatusCode.OK);
        Assert.Equal([stored.Id], listed.Items.Select(image => image.Id));
    }

    [Fact]
    public async Task AnUploadWhoseRowCannotBeWrittenLeavesNoObjectAndTheNextOneIsStored()
    {
        var session = await _client.CreateSessionAsync();
        await api.FailNextImageWriteAsync("INSERT", $"NEW.session_id = '{session.Id}'");

        var failed = await _client.UploadAsync(session.Id, TestImages.Png(5, 5));
        await failed.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));

        var stored = await _client.UploadImageAsync(session.Id, TestImages.Png(5, 5));
        Assert.Equal([$"sessions/{session.Id}/images/{stored.Id}"], await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Equal(1, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));
    }
}
