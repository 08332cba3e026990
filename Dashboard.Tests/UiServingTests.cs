using System.Net;
using System.Net.Http.Headers;
using Backend.Dashboard;

namespace Dashboard.Tests;

/// <summary>The browser UI comes from the assembly itself, and pages learn of changes over Server-Sent Events.</summary>
public sealed class UiServingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/ui/js/app.js", "text/javascript")]
    [InlineData("/ui/css/dashboard.css", "text/css")]
    public async Task TheUiIsServedFromTheAssemblyUnderAStrictContentSecurityPolicy(string path, string contentType)
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        using var response = await browser.GetAsync(path, Cancellation);
        using var again = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { response.Headers.ETag! } } };
        using var revalidated = await browser.SendAsync(again, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task TheEventStreamAnnouncesResourceAndTelemetryChanges()
    {
        var source = new TestResourceSource();
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), source, cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));
        Assert.Equal(": connected", await events.ReadLineAsync(Cancellation));

        source.Set(TestResourceSource.Running("canvas-api"));
        Assert.Equal("event: resources", await NextEventAsync(events));
        await DashboardClients.ExportSpanAsync(dashboard, dashboard.OtlpApiKey, "GET /");
        Assert.Equal("event: telemetry", await NextEventAsync(events));
    }

    [Fact]
    public async Task StoppingTheDashboardEndsOpenEventStreams()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);
        using var response = await browser.GetAsync("/api/dashboard/events", HttpCompletionOption.ResponseHeadersRead, Cancellation);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));
        Assert.Equal(": connected", await events.ReadLineAsync(Cancellation));

        await dashboard.DisposeAsync();

        // The stream ends cleanly rather than being cut when Kestrel's shutdown timeout runs out.
        Assert.Equal("", await events.ReadLineAsync(Cancellation));
        Assert.Null(await events.ReadLineAsync(Cancellation));
    }

    private static async Task<string?> NextEventAsync(StreamReader events)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        string? line;
        while ((line = await events.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("event:", StringComparison.Ordinal))
        {
        }
        return line;
    }
}
