using System.Net;
using Backend.Dashboard.Api;
using Backend.Dashboard.Otlp;
using Backend.Dashboard.Resources;
using Backend.Dashboard.Security;
using Backend.Dashboard.Server;
using Backend.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Dashboard;

/// <summary>
/// The local dashboard, running in the AppHost's process on 127.0.0.1: a browser UI of the application's
/// resources, their console output, structured logs, traces and metrics, and the OTLP/HTTP receiver the
/// services export to. The UI needs the cookie that <see cref="LoginUrl"/> sets; exporters need
/// <see cref="OtlpApiKey"/> in the <c>x-otlp-api-key</c> header.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>The header that carries <see cref="OtlpApiKey"/>.</summary>
    public const string OtlpApiKeyHeaderName = DashboardSecrets.OtlpApiKeyHeader;

    private readonly WebApplication _app;
    private readonly DashboardEvents _events;
    private int _disposed;

    private DashboardServer(WebApplication app, DashboardEvents events, TelemetryStore telemetry, DashboardSecrets secrets, Uri url)
    {
        _app = app;
        _events = events;
        Telemetry = telemetry;
        OtlpApiKey = secrets.OtlpApiKey;
        Url = url;
        LoginUrl = new Uri(url, $"{DashboardAuthMiddleware.LoginPath.TrimStart('/')}?t={secrets.BrowserToken}");
    }

    /// <summary>The browser UI, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The URL for services' <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (OTLP/HTTP, <c>http/protobuf</c>).</summary>
    public Uri OtlpEndpoint => Url;

    /// <summary>The key exporters must send in the <c>x-otlp-api-key</c> header. A secret: do not log it.</summary>
    public string OtlpApiKey { get; }

    /// <summary>The value for services' <c>OTEL_EXPORTER_OTLP_HEADERS</c>: <c>x-otlp-api-key=&lt;key&gt;</c>. A secret.</summary>
    public string OtlpHeaders => $"{OtlpApiKeyHeaderName}={OtlpApiKey}";

    /// <summary>
    /// The URL to print for people: <c>{Url}login?t=&lt;token&gt;</c>. Opening it signs the browser in
    /// (an HttpOnly, SameSite=Strict cookie) and shows the dashboard. Valid for this run only.
    /// </summary>
    public Uri LoginUrl { get; }

    /// <summary>The telemetry received so far.</summary>
    public TelemetryStore Telemetry { get; }

    /// <summary>Starts the dashboard and returns once it is listening.</summary>
    /// <param name="options">Port and secrets.</param>
    /// <param name="resources">The application's resources and their console output, from the local runner.</param>
    /// <param name="loggerFactory">Where the dashboard logs (warnings from ASP.NET Core, never a secret); none when null.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <exception cref="InvalidOperationException">The port is taken.</exception>
    public static async Task<DashboardServer> StartAsync(
        DashboardOptions options, IResourceSource resources, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        options.Validate();

        var app = Build(options, loggerFactory);
        var telemetry = new TelemetryStore(options.TelemetryCapacity);
        var secrets = DashboardSecrets.Create(options);
        var events = new DashboardEvents(resources, telemetry);
        app.UseMiddleware<DashboardAuthMiddleware>(secrets);
        app.MapOtlpHttp(telemetry, secrets.OtlpApiKey);
        app.MapDashboardApi(options.ApplicationName, resources, telemetry, events);
        EmbeddedAssets.Load(typeof(DashboardServer).Assembly).Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            events.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            if (exception is IOException)
            {
                throw new InvalidOperationException(
                    $"The dashboard cannot listen on 127.0.0.1:{options.Port} ({exception.Message}). Choose another port, or 0 for a free one.", exception);
            }
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var url = new Uri(address.TrimEnd('/') + "/");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<DashboardServer>();
        DashboardLog.Listening(logger, url);
        return new DashboardServer(app, events, telemetry, secrets, url);
    }

    /// <summary>Stops the dashboard, closing open browser streams.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _app.StopAsync().ConfigureAwait(false);
        _events.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(DashboardOptions options, ILoggerFactory? loggerFactory)
    {
        // The empty builder reads no configuration: ASPNETCORE_URLS, appsettings or command-line
        // arguments meant for the AppHost cannot move the dashboard off 127.0.0.1.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        }
        // ASP.NET Core's request logs would carry the login URL's token in the query string.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        return builder.Build();
    }
}
