extern alias GpuWorkerApp;

using GpuWorkerApp::Backend.GpuWorker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>The GpuWorker service composed exactly as its Program does, on the test's resources.</summary>
public static class GpuWorkerHost
{
    public static async Task<IHost> StartAsync(TestResources resources, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(resources.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddGpuWorker();
        builder.Logging.ClearProviders().AddProvider(new TestOutputLoggerProvider());
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
