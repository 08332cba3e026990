using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>
/// A stand-in for the model server on 127.0.0.1: it answers the generate contract (POST JSON prompt,
/// width, height → image bytes) with a real PNG of the requested size, and remembers the prompts.
/// </summary>
public sealed class FakeInferenceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeInferenceServer(WebApplication app) => _app = app;

    public List<string> Prompts { get; } = [];

    public string Url => Root + "/generate";

    /// <summary>Answers 302 to <see cref="Url"/>: a server that redirects elsewhere.</summary>
    public string RedirectingUrl => Root + "/redirect";

    /// <summary>Answers 1 MiB of bytes without a Content-Length: an answer larger than a worker should hold.</summary>
    public string HugeUrl => Root + "/huge";

    private string Root => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeInferenceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeInferenceServer(app);
        app.MapPost("/generate", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            lock (server.Prompts)
            {
                server.Prompts.Add(body.RootElement.GetProperty("prompt").GetString()!);
            }
            var png = TestImages.Png(body.RootElement.GetProperty("width").GetInt32(), body.RootElement.GetProperty("height").GetInt32());
            return Results.File(png, "image/png");
        });
        app.MapPost("/redirect", () => Results.Redirect("/generate", permanent: false, preserveMethod: true));
        app.MapPost("/huge", async (HttpResponse response) =>
        {
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 16; i++)
            {
                await response.Body.WriteAsync(chunk);
            }
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
