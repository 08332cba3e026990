using Backend.Hosting.Local;
using Backend.Hosting.Sqs;
using Backend.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Tests;

/// <summary>
/// The whole application as AppHost/Program.cs declares it, run by Aspire.Hosting.Testing with DCP, on free ports (a
/// developer's F5 may hold 9000 and 8080), its telemetry sent to a dashboard of the test's own, and its timings shortened
/// so that scale-to-zero and crash recovery take seconds rather than minutes.
/// </summary>
public sealed class ApplicationUnderTest : IAsyncLifetime
{
    private static readonly Dictionary<string, string> ShortTimings = new()
    {
        // The GPU instance stops after 3 idle seconds, decided every quarter second.
        ["Gpu__PollInterval"] = "00:00:00.250",
        ["Gpu__IdleTimeout"] = "00:00:03",
        ["Gpu__LeaseDuration"] = "00:00:02",
        // A task whose worker died is retried after seconds, not the default minute.
        ["Workers__Cpu__VisibilityTimeout"] = "00:00:05",
        ["Workers__Cpu__LeaseDuration"] = "00:00:05",
        ["Workers__Cpu__HeartbeatInterval"] = "00:00:01",
        ["Worker__VisibilityTimeout"] = "00:00:05",
        ["Worker__LeaseDuration"] = "00:00:05",
        ["Worker__HeartbeatInterval"] = "00:00:01",
        ["Outbox__MinAge"] = "00:00:02",
        ["Outbox__SweepInterval"] = "00:00:01",
    };

    /// <summary>The JWT secret of this run (given as the parameter, so no generated one lands in user secrets).</summary>
    public string JwtSecret { get; } = $"test-jwt-secret-{Guid.NewGuid():N}";

    /// <summary>The issuer Canvas.Api is given and checks in every token.</summary>
    public string Issuer { get; } = $"https://test-{Guid.NewGuid():N}.supabase.co/auth/v1";

    /// <summary>The resource name of a queue that only tests use.</summary>
    public const string ProbeQueue = "probe-queue";

    private DistributedApplication? _app;
    private AspireDashboard? _telemetry;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>The dashboard the services export to: what a developer would see in theirs.</summary>
    public AspireDashboard Telemetry => _telemetry ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _telemetry = await AspireDashboard.StartAsync(cancellationToken);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--Ports:canvas-api={FreePort.Next()}",
            $"--Ports:orchestrator={FreePort.Next()}",
            $"--Parameters:supabase-jwt-secret={JwtSecret}",
            $"--Parameters:supabase-issuer={Issuer}",
            $"--Parameters:orchestrator-api-key=test-api-key-{Guid.NewGuid():N}",
            "--Ec2:StartDelay=00:00:01",
            "--Ec2:StopDelay=00:00:00.500",
            // Not the launch profile's dashboard (a developer's): the test's own.
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={_telemetry.OtlpGrpcEndpoint}",
            $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL={_telemetry.OtlpHttpEndpoint}",
        ], cancellationToken);
        // A queue no service consumes, for the queue commands: the orchestrator drains the real ones' dead letters.
        builder.CreateResourceBuilder(builder.Resources.OfType<FauxqsResource>().Single())
            .AddQueue(ProbeQueue, "probe_queue").WithDeadLetterQueue(maxReceiveCount: 2);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var service = builder.CreateResourceBuilder(project);
            foreach (var (name, value) in ShortTimings)
            {
                service.WithEnvironment(name, value);
            }
        }
        _app = await builder.BuildAsync(cancellationToken);
        await _app.StartAsync(cancellationToken);
        await Task.WhenAll(
            _app.ResourceNotifications.WaitForResourceHealthyAsync("canvas-api", cancellationToken),
            _app.ResourceNotifications.WaitForResourceHealthyAsync("orchestrator", cancellationToken),
            _app.ResourceNotifications.WaitForResourceAsync("gpu-instance", "Stopped", cancellationToken));
    }

    /// <summary>The process ids DCP reports for the application's executables and services.</summary>
    public IReadOnlyList<int> ProcessIds()
    {
        var ids = new List<int>();
        foreach (var resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            if (App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                && current.Snapshot.Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid")?.Value is { } pid
                && int.TryParse(pid.ToString(), out var id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_telemetry is not null)
        {
            await _telemetry.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(ApplicationUnderTest))]
public sealed class ApplicationUnderTestFixture : ICollectionFixture<ApplicationUnderTest>;
