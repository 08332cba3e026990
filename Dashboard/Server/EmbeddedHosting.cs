using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Dashboard.Server;

/// <summary>
/// The dashboard runs inside the AppHost's process, which owns Ctrl+C and SIGTERM: the default console
/// lifetime would register its own signal handlers and stop the dashboard before the AppHost's
/// services have exported their last telemetry.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Sends the dashboard's logs to the AppHost's logger factory, through the filters the dashboard sets.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    // The AppHost owns the factory and disposes it.
    public void Dispose()
    {
    }
}
