using Backend.Hosting.ApplicationModel;
using Backend.Hosting.LocalRun;
using Backend.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace Backend.Hosting;

/// <summary>
/// The built application: publishes it when started with <c>--publisher</c>, otherwise runs it locally.
/// </summary>
public sealed class DistributedApplication
{
    private readonly PublishingOptions _publishing;
    private readonly IReadOnlyDictionary<string, IDistributedApplicationPublisher> _publishers;

    internal DistributedApplication(
        DistributedApplicationModel model,
        IConfiguration configuration,
        PublishingOptions publishing,
        IReadOnlyDictionary<string, IDistributedApplicationPublisher> publishers)
    {
        Model = model;
        Configuration = configuration;
        _publishing = publishing;
        _publishers = publishers;
    }

    /// <summary>Gets the validated model.</summary>
    public DistributedApplicationModel Model { get; }

    /// <summary>Gets the AppHost's configuration (command line, environment, user secrets).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Creates a builder from the AppHost's command-line arguments.</summary>
    /// <param name="args">The arguments, e.g. <c>--publisher manifest --output-path ../aspire-manifest.json</c>.</param>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    /// <summary>Creates a builder with explicit options.</summary>
    /// <param name="options">The options.</param>
    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new DistributedApplicationBuilder(TestingHooks.Configure(options));

    /// <summary>Publishes or runs the application and returns the process exit code.</summary>
    public int Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Publishes or runs the application and returns the process exit code.</summary>
    /// <param name="cancellationToken">Stops the application.</param>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (TestingHooks.TryCapture(this))
        {
            return 0;
        }

        if (Model.ExecutionContext.IsRunMode)
        {
            return await LocalRunCommand.RunAsync(Model, LocalRunConfiguration.Read(Configuration, Model.AppHostDirectory), cancellationToken)
                .ConfigureAwait(false);
        }

        if (!_publishers.TryGetValue(_publishing.Publisher!, out var publisher))
        {
            await Console.Error.WriteLineAsync(
                $"Unknown publisher '{_publishing.Publisher}'. Available: {string.Join(", ", _publishers.Keys)}.")
                .ConfigureAwait(false);
            return 2;
        }

        if (_publishing.OutputPath is null)
        {
            await Console.Error.WriteLineAsync("--output-path is required when publishing.").ConfigureAwait(false);
            return 2;
        }

        var outputPath = Path.GetFullPath(_publishing.OutputPath, Model.AppHostDirectory);
        await publisher.PublishAsync(Model, outputPath, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Published the {_publishing.Publisher} to {outputPath}.").ConfigureAwait(false);
        return 0;
    }
}
