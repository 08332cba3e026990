using System.Net;
using System.Net.Http.Headers;
using Backend.Dashboard;
using Backend.Dashboard.Otlp.Proto;
using Google.Protobuf;

namespace Dashboard.Tests;

/// <summary>HTTP clients for a running dashboard: a browser that has opened the login URL, one that has not, and an exporter.</summary>
internal static class DashboardClients
{
    public static async Task<HttpClient> LoggedInAsync(DashboardServer dashboard)
    {
        var client = Anonymous(dashboard);
        using var login = await client.GetAsync(dashboard.LoginUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    public static HttpClient Anonymous(DashboardServer dashboard) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = dashboard.Url };

    /// <summary>Posts a one-span OTLP trace export, with the given API key header (none when null).</summary>
    public static async Task<HttpStatusCode> ExportSpanAsync(DashboardServer dashboard, string? apiKey, string spanName)
    {
        var request = new ExportTraceServiceRequest();
        var resourceSpans = new ResourceSpans { Resource = new Resource() };
        resourceSpans.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "Canvas.Api" } });
        var scope = new ScopeSpans();
        scope.Spans.Add(new Span
        {
            TraceId = ByteString.CopyFrom(Convert.FromHexString("0af7651916cd43dd8448eb211c80319c")),
            SpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331")),
            Name = spanName,
            StartTimeUnixNano = 1_700_000_000_000_000_000,
            EndTimeUnixNano = 1_700_000_000_050_000_000,
        });
        resourceSpans.ScopeSpans.Add(scope);
        request.ResourceSpans.Add(resourceSpans);

        using var client = new HttpClient();
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(dashboard.OtlpEndpoint, "v1/traces")) { Content = content };
        if (apiKey is not null)
        {
            message.Headers.Add(DashboardServer.OtlpApiKeyHeaderName, apiKey);
        }
        using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
