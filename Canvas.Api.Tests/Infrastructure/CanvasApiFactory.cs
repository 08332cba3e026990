using System.Net.Http.Headers;
using System.Net.Sockets;
using Amazon.S3;
using Backend.Hosting.Projects;
using Backend.Hosting.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>
/// Canvas.Api in process, on its own fresh database and bucket in the shared PostgreSQL and S3
/// emulator, configured only through the settings the AppHost would pass. The orchestrator is a
/// closed port unless a test class says otherwise. Open for subclasses that change settings.
/// </summary>
public class CanvasApiFactory(LocalDependenciesFixture dependencies) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string JwtSecret = "canvas-tests-jwt-secret-of-at-least-32-bytes";
    public const string OrchestratorApiKey = "canvas-tests-orchestrator-key";
    public const string Issuer = "https://canvas-tests.supabase.co/auth/v1";

    public string ConnectionString { get; private set; } = "";

    public string BucketName { get; private set; } = "";

    /// <summary>An S3 client of the test's own, to look at what the API stored.</summary>
    public IAmazonS3 S3 => dependencies.S3;

    /// <summary>Every call the API made to S3.</summary>
    public S3CallLog S3Calls { get; } = new();

    public LocalDependenciesFixture Dependencies => dependencies;

    public virtual async ValueTask InitializeAsync()
    {
        // No redirect handler: it buffers request bodies (to replay them), which would hide streaming.
        ClientOptions.AllowAutoRedirect = false;
        ClientOptions.HandleCookies = false;
        ConnectionString = await dependencies.CreateDatabaseAsync();
        BucketName = await dependencies.CreateBucketAsync();
    }

    /// <summary>Settings on top of the defaults below.</summary>
    protected virtual void AddSettings(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:canvasdb"] = ConnectionString,
            ["AWS:Resources:images:BucketName"] = BucketName,
            ["Auth:JwtSecret"] = JwtSecret,
            ["Auth:Issuer"] = Issuer,
            ["Orchestrator:ApiKey"] = OrchestratorApiKey,
            ["services:orchestrator:http:0"] = $"http://127.0.0.1:{ClosedPort()}",
        };
        foreach (var (name, value) in dependencies.GetServiceEnvironment())
        {
            settings[name] = value;
        }
        AddSettings(settings);
        foreach (var (name, value) in settings)
        {
            builder.UseSetting(name, value);
        }
        builder.UseEnvironment(Environments.Production);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Single(service => service.ServiceType == typeof(IAmazonS3));
            services.Remove(real);
            services.AddSingleton(provider => RecordingS3.Wrap((IAmazonS3)real.ImplementationFactory!(provider), S3Calls));
        });
    }

    /// <summary>A client that calls the API as <paramref name="userId"/>, with a token minted the way the AppHost does.</summary>
    public HttpClient CreateClientFor(string userId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevelopmentToken.Create(JwtSecret, userId, TimeSpan.FromHours(1), issuer: Issuer));
        return client;
    }

    public static string NewUserId() => Guid.NewGuid().ToString();

    /// <summary>A port nothing listens on: connecting to it is refused at once.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
