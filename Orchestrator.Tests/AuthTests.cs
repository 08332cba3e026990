using System.Net;
using System.Net.Http.Headers;
using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tests;

/// <summary>The service API key guards every route but the health endpoints.</summary>
public sealed class AuthTests(LocalDependenciesFixture fixture) : IAsyncLifetime
{
    private OrchestratorFactory _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), new Dictionary<string, string?> { ["Workers:Cpu:Enabled"] = "false" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ARequestWithoutAnApiKeyIs401ProblemDetails()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/api/tasks/any", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Authorization", "Bearer wrong-key")]
    [InlineData("X-Api-Key", "wrong-key")]
    [InlineData("Authorization", "Basic dGVzdDp0ZXN0")]
    public async Task ARequestWithAWrongApiKeyIs401(string header, string value)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        using var response = await client.PostAsync("/api/tasks", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheKeyIsAcceptedAsABearerTokenOrAsXApiKey()
    {
        using var bearer = _app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestResources.ApiKey);
        using var apiKey = _app.CreateClient();
        apiKey.DefaultRequestHeaders.Add("X-Api-Key", TestResources.ApiKey);

        using var first = await bearer.GetAsync("/api/tasks/missing", TestContext.Current.CancellationToken);
        using var second = await apiKey.GetAsync("/api/tasks/missing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthEndpointsAnswerWithoutAKeyAndReportTheQueuesTableAndBucketHealthy(string path)
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheServiceRefusesToStartWithoutAnApiKey()
    {
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), new Dictionary<string, string?> { ["Auth:ApiKey"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Auth__ApiKey", (error as OptionsValidationException ?? error.InnerException)?.Message ?? error.ToString(), StringComparison.Ordinal);
    }
}
