using System.Net;
using Backend.Dashboard;

namespace Dashboard.Tests;

/// <summary>The browser UI needs the login URL's cookie; the OTLP receiver needs the API key.</summary>
public sealed class AuthTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLoginUrlSetsAnHttpOnlySameSiteStrictCookieAndRedirectsToTheDashboard()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = DashboardClients.Anonymous(dashboard);

        using var login = await browser.GetAsync(dashboard.LoginUrl, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"dashboard-auth-{dashboard.Url.Port}=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(dashboard.LoginUrl.Query[3..], cookie, StringComparison.Ordinal);
        using var home = await browser.GetAsync("/", Cancellation);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<main id=\"view\">", await home.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiWithoutTheCookieAnswers401()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = DashboardClients.Anonymous(dashboard);

        using var response = await browser.GetAsync("/api/dashboard/resources", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ui/js/app.js")]
    public async Task TheUiWithoutTheCookieSaysToOpenTheLoginUrlPrintedByTheAppHost(string path)
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = DashboardClients.Anonymous(dashboard);

        using var response = await browser.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("login URL printed by the AppHost", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoginUrlWithAWrongTokenSetsNoCookie()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = DashboardClients.Anonymous(dashboard);

        using var login = await browser.GetAsync("/login?t=0123456789abcdef0123456789abcdef", Cancellation);
        using var api = await browser.GetAsync("/api/dashboard/resources", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.Contains("not valid", await login.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task OtlpExportsWithoutOrWithAWrongApiKeyAre401AndNotStored()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, await DashboardClients.ExportSpanAsync(dashboard, apiKey: null, "no key"));
        Assert.Equal(HttpStatusCode.Unauthorized, await DashboardClients.ExportSpanAsync(dashboard, "wrong-key-wrong-key", "wrong key"));
        Assert.Equal(HttpStatusCode.Unauthorized, await DashboardClients.ExportSpanAsync(dashboard, dashboard.OtlpApiKey[..^1], "almost the key"));
        Assert.Empty(dashboard.Telemetry.Spans);
    }

    [Fact]
    public async Task AnOtlpExportWithTheApiKeyIsStored()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.OK, await DashboardClients.ExportSpanAsync(dashboard, dashboard.OtlpApiKey, "GET /health"));

        var span = Assert.Single(dashboard.Telemetry.Spans);
        Assert.Equal(("GET /health", "Canvas.Api"), (span.Name, span.Service));
    }

    [Fact]
    public async Task TheApiKeyDoesNotOpenTheBrowserUiNorTheCookieTheOtlpReceiver()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);
        using var withKey = DashboardClients.Anonymous(dashboard);
        withKey.DefaultRequestHeaders.Add(DashboardServer.OtlpApiKeyHeaderName, dashboard.OtlpApiKey);

        using var api = await withKey.GetAsync("/api/dashboard/resources", Cancellation);
        using var export = await browser.PostAsync("/v1/traces", new ByteArrayContent([]) { Headers = { { "Content-Type", "application/x-protobuf" } } }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
    }

    [Fact]
    public async Task RequestsNamingAnotherHostAreRefusedEvenWithTheCookie()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/resources");
        request.Headers.Host = $"attacker.example:{dashboard.Url.Port}";

        using var response = await browser.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
