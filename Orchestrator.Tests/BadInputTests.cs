using System.Net;
using System.Text;
using System.Text.Json;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;

namespace Backend.Orchestrator.Tests;

/// <summary>Every kind of bad request is a 4xx ProblemDetails naming the problem, never a 500 or a stack trace.</summary>
public sealed class BadInputTests(LocalDependenciesFixture fixture) : IAsyncLifetime
{
    private OrchestratorFactory _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), new Dictionary<string, string?> { ["Workers:Cpu:Enabled"] = "false" });
        _client = _app.CreateAuthorizedClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("{\"type\": \"thumbnail\", ", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("{\"type\": 5}", "type")]
    [InlineData("{\"type\": \"sharpen\", \"input\": {\"key\": \"in/a.png\"}}", "type")]
    [InlineData("{\"input\": {\"key\": \"in/a.png\"}}", "type")]
    [InlineData("{\"type\": \"thumbnail\"}", "input.key")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"../etc/passwd\"}}", "input.key")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"/abs.png\"}}", "input.key")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"parameters\": {\"maxSize\": 5}}", "parameters.maxSize")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"parameters\": {\"maxSize\": \"big\"}}", "parameters.maxSize")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"parameters\": {\"colour\": \"red\"}}", "parameters.colour")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"parameters\": [1]}", "parameters")]
    [InlineData("{\"type\": \"convert\", \"input\": {\"key\": \"in/a.png\"}}", "parameters.format")]
    [InlineData("{\"type\": \"convert\", \"input\": {\"key\": \"in/a.png\"}, \"parameters\": {\"format\": \"bmp\", \"quality\": 0}}", "parameters.quality")]
    [InlineData("{\"type\": \"upscale\", \"input\": {\"key\": \"in/a.png\"}, \"parameters\": {\"scale\": 8}}", "parameters.scale")]
    [InlineData("{\"type\": \"generate\"}", "parameters.prompt")]
    [InlineData("{\"type\": \"generate\", \"parameters\": {\"prompt\": \"x\", \"width\": 10}}", "parameters.width")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"sessionId\": \"no spaces\"}", "sessionId")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"outputPrefix\": \"/root/\"}", "outputPrefix")]
    [InlineData("{\"type\": \"thumbnail\", \"input\": {\"key\": \"in/a.png\"}, \"priority\": 1}", "priority")]
    public async Task AnInvalidSubmitIsA400ValidationProblemNamingTheField(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/tasks", content, TestContext.Current.CancellationToken);

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task ABodyOver64KiBIsA413ProblemDetails()
    {
        var body = JsonSerializer.Serialize(new { type = "generate", parameters = new { prompt = new string('x', 70_000) } });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/tasks", content, TestContext.Current.CancellationToken);

        await ReadProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AChunkedBodyOver64KiBIsA413ProblemDetailsToo()
    {
        using var content = new StreamContent(new MemoryStream(new byte[100_000]));
        content.Headers.ContentType = new("application/json");

        using var response = await _client.PostAsync("/api/tasks", content, TestContext.Current.CancellationToken);

        await ReadProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsA400()
    {
        using var content = new StringContent("type=thumbnail", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _client.PostAsync("/api/tasks", content, TestContext.Current.CancellationToken);

        await ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AMalformedIdempotencyKeyIsA400()
    {
        using var response = await _client.SubmitAsync(TaskClient.Thumbnail("in/a.png"), idempotencyKey: new string('k', 129));

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/api/tasks?sessionId=s&limit=0")]
    [InlineData("/api/tasks?sessionId=s&limit=abc")]
    [InlineData("/api/tasks?sessionId=s&continuationToken=not-a-token")]
    public async Task AListingWithoutASessionOrWithABadLimitOrTokenIsA400(string url)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);

        await ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownRouteIsA404ProblemDetails()
    {
        using var response = await _client.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);

        await ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
