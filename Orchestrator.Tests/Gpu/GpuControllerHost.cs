using System.Net.Http.Json;
using System.Text.Json;
using Backend.Orchestrator.Gpu;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// One orchestrator replica as far as the GPU is concerned: the controller and <c>/api/gpu</c> behind
/// an API key, in a host listening on loopback, with its logs in the test's output.
/// </summary>
internal sealed class GpuControllerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private GpuControllerHost(WebApplication app, GpuMetricsRecorder metrics)
    {
        _app = app;
        Controller = app.Services.GetRequiredService<GpuController>();
        Metrics = metrics;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", TestApiKeyAuthentication.Key);
    }

    public GpuController Controller { get; }

    public IServiceProvider Services => _app.Services;

    public GpuStatus Status => Controller.Status;

    public GpuMetricsRecorder Metrics { get; }

    /// <summary>Sends the API key.</summary>
    public HttpClient Client { get; }

    public static async Task<GpuControllerHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddFilter("Backend.Orchestrator.Gpu", LogLevel.Debug)
            .AddProvider(new TestOutputLoggerProvider());
        builder.Services.AddAuthentication(TestApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestApiKeyAuthentication>(TestApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        builder.AddGpuController();
        var app = builder.Build();
        app.MapGpuApi();
        // Listening before the first poll, which runs as soon as the host starts.
        var metrics = new GpuMetricsRecorder(app.Services);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new GpuControllerHost(app, metrics);
    }

    /// <summary>Waits until the controller's status satisfies <paramref name="condition"/>; fails with the status if it never does.</summary>
    public async Task<GpuStatus> WaitForStatusAsync(Func<GpuStatus, bool> condition, int seconds = 15)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (!condition(Status))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"The GPU controller's status never met the condition in {seconds} s: {JsonSerializer.Serialize(Status)}");
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return Status;
    }

    /// <summary>Waits for <paramref name="polls"/> more completed polls.</summary>
    public Task<GpuStatus> WaitForPollsAsync(int polls)
    {
        var target = Status.Polls + polls;
        return WaitForStatusAsync(status => status.Polls >= target);
    }

    public async Task<GpuStatus> GetStatusAsync() =>
        (await Client.GetFromJsonAsync<GpuStatus>("/api/gpu", TestContext.Current.CancellationToken))!;

    /// <summary>Stops the replica gracefully (it gives up its lease), as on a deployment or scale-in.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        Metrics.Dispose();
        await _app.DisposeAsync();
    }
}
