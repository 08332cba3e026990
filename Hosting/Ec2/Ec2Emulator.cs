using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Ec2;

/// <summary>
/// A local EC2-compatible endpoint that <c>AmazonEC2Client</c> talks to, since no EC2 emulator exists:
/// it serves DescribeInstances, DescribeInstanceStatus, StartInstances and StopInstances over the
/// EC2 Query protocol for declared instances, whose state machines call an
/// <see cref="IEc2InstanceBackend"/> to do the real work of starting and stopping.
/// </summary>
/// <example>
/// <code>
/// await using var ec2 = await Ec2Emulator.StartAsync(
///     new Ec2EmulatorOptions { Instances = [new Ec2InstanceDefinition("i-0123456789abcdef0")] }, gpuWorkerBackend);
/// // AWS_ENDPOINT_URL_EC2 = ec2.Endpoint
/// </code>
/// </example>
public sealed partial class Ec2Emulator : IAsyncDisposable
{
    private readonly Ec2InstanceTable _table;
    private readonly ILogger _logger;
    private WebApplication? _app;
    private int _disposed;

    private Ec2Emulator(Ec2EmulatorOptions options, IEc2InstanceBackend backend, ILogger logger)
    {
        _logger = logger;
        _table = new Ec2InstanceTable(options, backend, logger, Publish);
    }

    /// <summary>The endpoint to give the SDK (<c>ServiceURL</c>, or <c>AWS_ENDPOINT_URL_EC2</c>), e.g. <c>http://127.0.0.1:50123/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>
    /// Starts an emulator listening on 127.0.0.1 only.
    /// </summary>
    /// <param name="options">The instances and timings; validated here.</param>
    /// <param name="backend">The work behind the instances; none means transitions only take their configured time.</param>
    /// <param name="loggerFactory">Where the emulator and its HTTP server log; nowhere when null.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <exception cref="ArgumentException">The options declare no instance, a malformed or duplicate id, or a negative delay.</exception>
    public static async Task<Ec2Emulator> StartAsync(
        Ec2EmulatorOptions options,
        IEc2InstanceBackend? backend = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var emulator = new Ec2Emulator(options, backend ?? NoWorkEc2InstanceBackend.Instance, loggerFactory.CreateLogger<Ec2Emulator>());

        // An empty builder: no configuration from the environment (ASPNETCORE_URLS and the like)
        // can move the endpoint off loopback, and nothing but the EC2 handler is in the pipeline.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        var app = builder.Build();
        var handler = new Ec2QueryHandler(new Ec2Actions(emulator._table), emulator._logger);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        emulator._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        emulator.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        Ec2Log.Listening(emulator._logger, emulator.Endpoint);
        return emulator;
    }

    /// <summary>Every instance as it is now, in declaration order.</summary>
    public IReadOnlyList<Ec2InstanceSnapshot> GetInstances()
    {
        lock (_table.Lock)
        {
            return [.. _table.All.Select(i => i.Snapshot)];
        }
    }

    /// <summary>One instance as it is now.</summary>
    /// <exception cref="KeyNotFoundException">No instance with this id was declared.</exception>
    public Ec2InstanceSnapshot GetInstance(string instanceId) =>
        GetInstances().FirstOrDefault(i => i.InstanceId == instanceId)
        ?? throw new KeyNotFoundException($"No instance '{instanceId}' was declared.");

    /// <summary>
    /// Stops serving requests, then cancels transitions in progress (the backend's token is cancelled)
    /// and waits for them. The backend is not asked to stop running instances: whoever owns the
    /// backend's work (a process runner) ends it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        await _table.DisposeAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
