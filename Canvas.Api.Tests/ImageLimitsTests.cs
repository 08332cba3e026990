using System.Buffers.Binary;
using System.Net;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>Uploads whose bytes could not be processed: declared too big to decode, or not a whole image. None is stored.</summary>
public sealed class ImageLimitsTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private static readonly HttpClient S3Direct = new();
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    public static TheoryData<string> HugeDeclarations => ["png 100000x100000", "png 12000x12000", "gif 65535x65535", "jpeg 65535x65535", "webp 2^24x2^24"];

    public static TheoryData<string> Incomplete => ["png signature and IHDR only", "png without IEND", "jpeg without EOI", "gif without trailer", "webp shorter than its RIFF size"];

    [Theory]
    [MemberData(nameof(HugeDeclarations))]
    public async Task AnImageDeclaringMoreThanOneHundredMegapixelsIsRefusedAndNotStored(string kind)
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, Declaring(kind));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Image dimensions too large", problem.Title);
        await AssertNothingStoredAsync(session.Id);
    }

    [Theory]
    [MemberData(nameof(Incomplete))]
    public async Task AFileThatIsNotACompleteImageIsRefusedAndNotStored(string kind)
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, Truncated(kind));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Incomplete image", problem.Title);
        await AssertNothingStoredAsync(session.Id);
    }

    [Theory]
    [InlineData(6 * 1024 * 1024)]   // streamed through one PUT, which is failed on its last byte
    [InlineData(10 * 1024 * 1024)]  // streamed through a multipart upload, which is aborted
    public async Task ALargeFileThatIsNotACompleteImageIsRefusedAndNotStored(int size)
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, TestImages.LargePng(size)[..^12]);

        await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await AssertNothingStoredAsync(session.Id);
    }

    [Fact]
    public async Task AnIncompleteImageSentWithoutALengthIsRefusedToo()
    {
        var session = await _client.CreateSessionAsync();
        using var content = new StreamingContent(Truncated("png without IEND"), failAfter: null, announceLength: false);

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images", content);

        await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await AssertNothingStoredAsync(session.Id);
    }

    [Fact]
    public async Task AnIncompleteImagePutToAnUploadUrlIsRefusedAtConfirmation()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = Truncated("png signature and IHDR only");
        var upload = await (await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/uploads", new { size = bytes.Length }))
            .ReadAsAsync<Canvas.Api.Images.UploadUrlResponse>(HttpStatusCode.OK);
        (await S3Direct.PutAsync(upload.UploadUrl, new ByteArrayContent(bytes))).EnsureSuccessStatusCode();

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images/{upload.ImageId}/confirm", null);

        await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Empty(await api.ListKeysAsync($"staging/{session.Id}/"));
    }

    [Fact]
    public async Task AJpegStartFollowedByEightMegabytesOfFillBytesInSmallPacketsIsAnsweredAndNotStored()
    {
        var session = await _client.CreateSessionAsync();
        var bytes = new byte[8 * 1024 * 1024 + 8];
        bytes.AsSpan().Fill(0xFF);
        ((byte[])[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00]).CopyTo(bytes, 0);
        using var content = new StreamingContent(bytes, failAfter: null, announceLength: true, chunkSize: 1024);

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images", content);

        Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity, $"got {(int)response.StatusCode}");
        await AssertNothingStoredAsync(session.Id);
    }

    private async Task AssertNothingStoredAsync(Guid sessionId)
    {
        Assert.Empty(await api.ListKeysAsync($"sessions/{sessionId}/"));
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{sessionId}'"));
    }

    private static byte[] Declaring(string kind)
    {
        switch (kind)
        {
            case "png 100000x100000":
                return TestImages.PngDeclaring(100_000, 100_000);
            case "png 12000x12000":
                return TestImages.PngDeclaring(12_000, 12_000);
            case "gif 65535x65535":
                return TestImages.Gif(65_535, 65_535);
            case "jpeg 65535x65535":
                var jpeg = TestImages.Jpeg(8, 8);
                var frame = ImageStructureTests.IndexOfMarker(jpeg, 0xC0);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), 65_535);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), 65_535);
                return jpeg;
            default:
                // VP8X canvas of 2^24 x 2^24 (each side stored minus one in 24 bits), then a lossy frame.
                var frameData = TestImages.WebP(8, 8)[12..];
                byte[] extended = [.. "VP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. frameData];
                return [.. "RIFF"u8, .. BitConverter.GetBytes(4 + extended.Length), .. "WEBP"u8, .. extended];
        }
    }

    private static byte[] Truncated(string kind) => kind switch
    {
        "png signature and IHDR only" => TestImages.PngHeaderOnly(64, 64),
        "png without IEND" => TestImages.Png(16, 16)[..^12],
        "jpeg without EOI" => TestImages.Jpeg(16, 16)[..^2],
        "gif without trailer" => TestImages.Gif(16, 16)[..^1],
        _ => TestImages.WebP(16, 16)[..^4],
    };
}
