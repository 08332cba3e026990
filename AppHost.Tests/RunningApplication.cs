using Backend.Hosting.LocalRun;
using Backend.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>
/// The whole application, declared by AppHost/Program.cs and run once for a test class, with timings
/// shortened so that scale-to-zero and crash recovery happen in seconds rather than minutes.
/// </summary>
public sealed class RunningApplication : IAsyncLifetime
{
    private DistributedApplicationTestHost? _host;

    public DistributedApplicationTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _host = await DistributedApplicationTestingBuilder.StartAsync<Program>(new DistributedApplicationTestOptions
        {
            Run = new LocalRunOptions
            {
                UseFreePorts = true,
                Ec2StartDelay = TimeSpan.FromSeconds(1),
                Ec2StopDelay = TimeSpan.FromMilliseconds(500),
                ProjectEnvironment = new Dictionary<string, string>
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
                },
            },
        }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
