using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Backend.Hosting.Testing;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>
/// The API with a 10 MiB limit (above the 8 MiB part size, so that refusals happen mid multipart
/// upload) on real Kestrel: chunked bodies and dropped connections behave as they do in production,
/// which the in-memory test server does not reproduce.
/// </summary>
public sealed class SmallLimitCanvasApiFactory : CanvasApiFactory
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public SmallLimitCanvasApiFactory(LocalDependenciesFixture dependencies) : base(dependencies) => UseKestrel(0);

    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Images:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class UploadLimitTests(SmallLimitCanvasApiFactory api) : IClassFixture<SmallLimitCanvasApiFactory>
{
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    [Fact]
    public async Task AFileDeclaredLargerThanTheLimitIsRefusedBeforeAnythingIsStored()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, TestImages.LargePng(SmallLimitCanvasApiFactory.MaxBytes + 1));

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.DoesNotContain(api.S3Calls.Requests<InitiateMultipartUploadRequest>(), request => request.Key.Contains(session.Id.ToString(), StringComparison.Ordinal));
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
    }

    [Fact]
    public async Task AFileAtTheLimitIsAccepted()
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.UploadAsync(session.Id, TestImages.LargePng(SmallLimitCanvasApiFactory.MaxBytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AStreamThatGrowsPastTheLimitIsRefusedAndItsMultipartUploadAborted()
    {
        var session = await _client.CreateSessionAsync();
        using var content = new StreamingContent(TestImages.LargePng(12 * 1024 * 1024), failAfter: null, announceLength: false);

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images", content);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync(session.Id);
    }

    [Fact]
    public async Task AnUploadCutOffMidwayStoresNothingAndAbortsItsMultipartUpload()
    {
        var session = await _client.CreateSessionAsync();
        // The connection drops only once the server is sending parts to S3, so there is something to clean up.
        using var content = new StreamingContent(TestImages.LargePng(SmallLimitCanvasApiFactory.MaxBytes), failAfter: 9 * 1024 * 1024, announceLength: true,
            beforeFailing: () => Eventually.HoldsAsync(
                () => Task.FromResult(api.S3Calls.Requests<UploadPartRequest>().Any(part => part.Key.Contains(session.Id.ToString(), StringComparison.Ordinal))),
                "the server sends its first part"));

        // The client's side of a dropped connection: its request fails; what matters is the server's state.
        try
        {
            using var response = await _client.PostAsync($"/api/sessions/{session.Id}/images", content);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
        }

        await AssertNothingStoredAsync(session.Id);
    }

    private async Task AssertNothingStoredAsync(Guid sessionId)
    {
        var started = Assert.Single(api.S3Calls.Requests<InitiateMultipartUploadRequest>(), request => request.Key.Contains(sessionId.ToString(), StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => Task.FromResult(api.S3Calls.Requests<AbortMultipartUploadRequest>().Any(request => request.Key == started.Key)),
            "the multipart upload is aborted");
        var aborted = Assert.Single(api.S3Calls.Requests<AbortMultipartUploadRequest>(), request => request.Key == started.Key);
        Assert.DoesNotContain(api.S3Calls.Requests<CompleteMultipartUploadRequest>(), request => request.Key == started.Key);
        // The emulator agrees: the upload is gone, not merely abandoned.
        var stale = await Assert.ThrowsAsync<AmazonS3Exception>(() => api.S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = api.BucketName,
            Key = started.Key,
            UploadId = aborted.UploadId,
            PartNumber = 99,
            InputStream = new MemoryStream([1, 2, 3]),
        }));
        Assert.Equal("NoSuchUpload", stale.ErrorCode);
        Assert.Empty(await api.ListKeysAsync($"sessions/{sessionId}/"));
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{sessionId}'"));
    }
}
