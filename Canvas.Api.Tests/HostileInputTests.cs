using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>Requests any signed-in user can send that once reached a 500: each is a 400 ProblemDetails now.</summary>
public sealed class HostileInputTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    private readonly HttpClient _client = api.CreateClientFor(CanvasApiFactory.NewUserId());

    [Theory]
    [InlineData("1:\u0000")]
    [InlineData("1:abc\u0000def")]
    [InlineData("1:\u001b[31m")]
    public async Task ATasksContinuationTokenWhoseIdHoldsAControlCharacterIsABadRequest(string decoded)
    {
        var session = await _client.CreateSessionAsync();
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(decoded));

        var response = await _client.GetAsync($"/api/sessions/{session.Id}/tasks?continuationToken={token}");

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("continuationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(5000)]
    public async Task AFormWithJunkAfterItsClosingBoundaryIsABadRequest(int junk)
    {
        var session = await _client.CreateSessionAsync();
        var body = Form(TestImages.Png(4, 4), afterClosingBoundary: new string('x', junk));

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images", body);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await api.ListKeysAsync($"sessions/{session.Id}/"));
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));
    }

    [Fact]
    public async Task AFormWithJunkAfterItsOpeningBoundaryIsABadRequest()
    {
        var session = await _client.CreateSessionAsync();
        var body = Form(TestImages.Png(4, 4), afterOpeningBoundary: new string('x', 200));

        var response = await _client.PostAsync($"/api/sessions/{session.Id}/images", body);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u202A")]
    [InlineData("\u2066")]
    [InlineData("\u2069")]
    [InlineData("\u200E")]
    [InlineData("\u200F")]
    [InlineData("\u061C")]
    public async Task ATitleWithABidirectionalControlCharacterIsRefusedOnCreateAndOnRename(string control)
    {
        var session = await _client.CreateSessionAsync("plain");

        var created = await _client.PostJsonAsync("/api/sessions", new { title = $"evil{control}gnp.exe" });
        var renamed = await _client.PatchAsync($"/api/sessions/{session.Id}",
            System.Net.Http.Json.JsonContent.Create(new { title = $"evil{control}gnp.exe" }));

        await created.ReadProblemAsync(HttpStatusCode.BadRequest);
        await renamed.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("plain", (await (await _client.GetAsync($"/api/sessions/{session.Id}")).ReadAsAsync<Canvas.Api.Sessions.Session>(HttpStatusCode.OK)).Title);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(0L)]
    public async Task AnUploadUrlForANegativeOrZeroSizeIsABadRequest(long size)
    {
        var session = await _client.CreateSessionAsync();

        var response = await _client.PostJsonAsync($"/api/sessions/{session.Id}/images/uploads", new { size });

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await api.CountRowsAsync("images", $"session_id = '{session.Id}'"));
    }

    private static ByteArrayContent Form(byte[] file, string afterOpeningBoundary = "", string afterClosingBoundary = "")
    {
        const string boundary = "b0undary";
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.ASCII.GetBytes($"--{boundary}{afterOpeningBoundary}\r\n" +
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"));
        bytes.AddRange(file);
        bytes.AddRange(Encoding.ASCII.GetBytes($"\r\n--{boundary}{afterClosingBoundary}\r\n"));
        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }
}
