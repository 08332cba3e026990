using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;
using Backend.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace Backend.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    /// <summary>The configuration key set by <c>--keep-data</c>.</summary>
    public const string KeepDataKey = "LocalRun:KeepData";

    private const string DefaultAwsRegion = "us-east-1";
    private const string KeepDataFlag = "--keep-data";

    // Aspire's command line: `--publisher manifest --output-path ../aspire-manifest.json`.
    private static readonly Dictionary<string, string> s_switchMappings = new(StringComparer.Ordinal)
    {
        ["--publisher"] = PublishingOptions.PublisherKey,
        ["--output-path"] = PublishingOptions.OutputPathKey,
    };

    private readonly List<IResource> _resources = [];
    private readonly string? _userSecretsPath;
    private readonly PublishingOptions _publishing;

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AppHostDirectory = Path.GetFullPath(options.AppHostDirectory ?? AppHostInfo.Directory ?? Directory.GetCurrentDirectory());
        _userSecretsPath = options.UserSecretsPath ?? AppHostInfo.UserSecretsPath;

        Configuration = new ConfigurationManager();
        if (_userSecretsPath is not null)
        {
            Configuration.AddJsonFile(_userSecretsPath, optional: true, reloadOnChange: false);
        }

        Configuration.AddEnvironmentVariables();
        // A flag without a value: the command-line provider would take the next argument as its value.
        Configuration.AddCommandLine([.. options.Args.Where(arg => arg != KeepDataFlag)], s_switchMappings);
        if (options.Args.Contains(KeepDataFlag))
        {
            Configuration.AddInMemoryCollection([KeyValuePair.Create(KeepDataKey, (string?)"true")]);
        }

        _publishing = PublishingOptions.From(Configuration);
        ExecutionContext = new DistributedApplicationExecutionContext(
            _publishing.Publisher is null ? DistributedApplicationOperation.Run : DistributedApplicationOperation.Publish,
            new AwsSettings(Configuration["AWS:Region"] ?? DefaultAwsRegion),
            new TelemetrySettings { OtlpEndpoint = DashboardOtlpEndpoint(Configuration) });
        Publishers = new Dictionary<string, IDistributedApplicationPublisher>(StringComparer.OrdinalIgnoreCase)
        {
            [ManifestPublisher.Name] = new ManifestPublisher(),
        };
    }

    public ConfigurationManager Configuration { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public string AppHostDirectory { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IDictionary<string, IDistributedApplicationPublisher> Publishers { get; }

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        ResourceNames.Validate(resource.Name);
        var existing = _resources.Find(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            throw new DistributedApplicationException(
                $"Cannot add {resource}: the application already has {existing} (names are case-insensitive).");
        }

        _resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource => new ResourceBuilder<T>(this, resource);

    public DistributedApplication Build()
    {
        ModelValidator.Validate(_resources);
        if (ExecutionContext.IsRunMode)
        {
            ParameterValueResolver.Resolve(_resources.OfType<ParameterResource>(), Configuration, _userSecretsPath);
        }

        var model = new DistributedApplicationModel(_resources.AsReadOnly(), ExecutionContext, AppHostDirectory);
        return new DistributedApplication(model, Configuration, _publishing, Publishers.AsReadOnly());
    }

    // The names Aspire's AppHost reads for its dashboard's OTLP endpoint; the local runner may override the value.
    private static Uri? DashboardOtlpEndpoint(ConfigurationManager configuration) =>
        (configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ?? configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"]) is { Length: > 0 } url
            ? new Uri(url)
            : null;
}
