using System.Net.Http.Headers;
using Backend.TaskProcessing.Queues;
using Backend.TaskProcessing.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>
/// The orchestrator in process, on the test's own queues, table and bucket in the real emulators. The
/// store and publisher are the real ones behind <see cref="Faults"/> seams; <paramref name="configure"/>
/// adds handlers or options a test needs.
/// </summary>
public sealed class OrchestratorFactory(
    TestResources resources, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    : WebApplicationFactory<Program>
{
    public Faults Faults { get; } = new();

    public TestResources Resources => resources;

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestResources.ApiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(configuration =>
            configuration.AddInMemoryCollection(resources.Settings.Concat(settings ?? new Dictionary<string, string?>())
                .GroupBy(pair => pair.Key).Select(group => group.Last())));
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new TestOutputLoggerProvider()));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Faults);
            services.AddSingleton<DynamoDbTaskStore>();
            services.AddSingleton<ITaskStore, FaultyTaskStore>();
            services.AddSingleton<SqsTaskPublisher>();
            services.AddSingleton<ITaskPublisher, FaultyPublisher>();
            configure?.Invoke(services);
        });
    }
}
