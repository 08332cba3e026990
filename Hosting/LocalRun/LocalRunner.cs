using System.Diagnostics;
using Backend.Dashboard;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// Runs the application model on this machine: the dashboard first (every process exports to it),
/// then PostgreSQL, the emulators and the EC2 stand-in with the declared resources inside them,
/// then each project as soon as what it waits for is healthy. Disposing stops everything in
/// reverse order and leaves no process behind.
/// </summary>
public sealed partial class LocalRunner : IAsyncDisposable
{
    private readonly DistributedApplicationModel _model;
    private readonly LocalRunOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly RuntimeSet _runtimes;
    private readonly Dictionary<IResource, ProcessSupervisor> _supervisors = [];
    private readonly List<TcpReplicaProxy> _proxies = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private LocalInfrastructure? _infrastructure;
    private DashboardServer? _dashboard;

    private LocalRunner(DistributedApplicationModel model, LocalRunOptions options, ILoggerFactory loggerFactory)
    {
        _model = model;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LocalRunner>();
        _runtimes = new RuntimeSet(model);
        AllStarted = Task.WhenAll(_runtimes.All
            .Where(r => r.Resource is ProjectResource or ExecutableResource && !r.Resource.Annotations.OfType<RunsOnAnnotation>().Any())
            .Select(r => r.Ready));
    }

    /// <summary>Every shown resource's live state, in declaration order.</summary>
    public IReadOnlyList<ResourceRuntime> Resources => _runtimes.All;

    /// <summary>Completes when every project (but those waiting for an EC2 instance) is running and healthy.</summary>
    public Task AllStarted { get; }

    /// <summary>The dashboard (traces, logs, metrics, console output).</summary>
    public Uri DashboardUrl => _dashboard?.Url ?? throw new InvalidOperationException("The dashboard has not started.");

    /// <summary>The URL that logs a browser into the dashboard.</summary>
    public Uri DashboardLoginUrl => _dashboard?.LoginUrl ?? throw new InvalidOperationException("The dashboard has not started.");

    /// <summary>The telemetry the services exported.</summary>
    public Backend.Dashboard.Telemetry.TelemetryStore Telemetry => _dashboard?.Telemetry ?? throw new InvalidOperationException("The dashboard has not started.");

    /// <summary>Every process the run has running now: projects' replicas, PostgreSQL and the emulators.</summary>
    public IReadOnlyList<int> ProcessIds =>
        [.. _runtimes.All.SelectMany(r => r.ProcessIds), .. _infrastructure?.ProcessIds ?? []];

    /// <summary>Time since the run began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Starts the dashboard and the infrastructure and kicks off every project in dependency order;
    /// returns once the infrastructure is up (await <see cref="AllStarted"/> for the projects).
    /// </summary>
    /// <param name="model">The application model (run mode).</param>
    /// <param name="options">How to run it.</param>
    /// <param name="loggerFactory">Where the runner logs.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    public static async Task<LocalRunner> StartAsync(
        DistributedApplicationModel model, LocalRunOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var runner = new LocalRunner(model, options, loggerFactory);
        try
        {
            await runner.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return runner;
        }
        catch
        {
            await runner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The live state of the resource named <paramref name="name"/>.</summary>
    /// <param name="name">The resource name.</param>
    public ResourceRuntime GetResource(string name) =>
        _runtimes.Find(name) ?? throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));

    /// <summary>Kills a replica of a project the way a crash would; the runner restarts it.</summary>
    /// <param name="name">The project.</param>
    /// <param name="replica">Which replica.</param>
    public Task KillAsync(string name, int replica = 0) =>
        _supervisors.Single(s => s.Key.Name == name).Value.KillAsync(replica);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var processes = _model.Resources.Where(r => r is ProjectResource or ExecutableResource).ToList();
        var workloads = new Ec2Workloads(_runtimes, _options);
        foreach (var resource in processes)
        {
            _supervisors[resource] = new ProcessSupervisor(resource, _runtimes[resource], _model.ExecutionContext, _options, _logger);
            AllocateEndpoints(resource);
        }

        // Neither needs the other: only the projects, started later, need both.
        var dashboardStart = DashboardServer.StartAsync(
            new DashboardOptions { Port = _options.DashboardPort, ApplicationName = "Canvas backend" }, _runtimes, _loggerFactory, cancellationToken);
        var infrastructureStart = LocalInfrastructure.StartAsync(_model, _runtimes, _options, workloads, _logger, cancellationToken);
        try
        {
            await Task.WhenAll(dashboardStart, infrastructureStart).ConfigureAwait(false);
        }
        catch (InvalidOperationException failure) when (dashboardStart.IsFaulted)
        {
            throw new LocalRunException(
                $"The dashboard could not start: {failure.Message} Its port is set with --Dashboard:Port=<port>.", failure);
        }
        finally
        {
            // What did start is stopped with the runner, also when the other failed.
            _dashboard = dashboardStart.IsCompletedSuccessfully ? dashboardStart.Result : null;
            _infrastructure = infrastructureStart.IsCompletedSuccessfully ? infrastructureStart.Result : null;
        }
        var telemetry = _model.ExecutionContext.Telemetry;
        telemetry.OtlpEndpoint = _dashboard!.OtlpEndpoint;
        telemetry.OtlpProtocol = "http/protobuf";
        telemetry.OtlpHeaders = _dashboard.OtlpHeaders;

        if (_infrastructure!.Ec2 is { } ec2)
        {
            workloads.Observe(ec2, _model.Resources.OfType<Ec2InstanceResource>());
        }
        foreach (var (workload, instance) in Ec2Workloads.Placements(_model))
        {
            workloads.Add(instance, _supervisors[workload]);
            _runtimes[workload].Set(ResourceState.Waiting, $"runs on {instance.Name}, which starts when there is work for it");
        }
        foreach (var resource in processes.Where(r => !r.Annotations.OfType<RunsOnAnnotation>().Any()))
        {
            _ = StartWhenReadyAsync(resource, _stopping.Token);
        }
    }

    private async Task StartWhenReadyAsync(IResource resource, CancellationToken cancellationToken)
    {
        var runtime = _runtimes[resource];
        if (runtime.State == ResourceState.FailedToStart)
        {
            return;
        }
        var waits = resource.Annotations.OfType<WaitAnnotation>().Select(w => _runtimes[w.Resource]).ToList();
        var pending = waits.Where(w => !w.Ready.IsCompleted).Select(w => w.Resource.Name).ToList();
        if (pending.Count > 0)
        {
            runtime.Set(ResourceState.Waiting, $"waiting for {string.Join(", ", pending)}");
        }
        try
        {
            await Task.WhenAll(waits.Select(w => w.Ready)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DistributedApplicationException failure)
        {
            runtime.Set(ResourceState.FailedToStart, $"cannot start: {failure.Message}");
            return;
        }
        _supervisors[resource].Start();
    }
}
