using Backend.Dashboard.Resources;
using Backend.Dashboard.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Backend.Dashboard.Api;

/// <summary>
/// Tells open browser pages, over Server-Sent Events, that resources or telemetry changed, so they
/// fetch again. Changes are coalesced: a busy service exporting every few milliseconds costs each
/// page at most a few refreshes a second.
/// </summary>
internal sealed class DashboardEvents : IDisposable
{
    private static readonly TimeSpan CoalescingDelay = TimeSpan.FromMilliseconds(250);

    private readonly IResourceSource _resources;
    private readonly TelemetryStore _telemetry;
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _resourcesVersion;
    private long _telemetryVersion;

    public DashboardEvents(IResourceSource resources, TelemetryStore telemetry)
    {
        _resources = resources;
        _telemetry = telemetry;
        _resources.Changed += OnResourcesChanged;
        _telemetry.Changed += OnTelemetryChanged;
    }

    public async Task StreamAsync(HttpContext context, CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        var (sentResources, sentTelemetry) = (Volatile.Read(ref _resourcesVersion), Volatile.Read(ref _telemetryVersion));
        try
        {
            // A comment first, so the browser's EventSource reports the stream open straight away.
            await response.WriteAsync(": connected\n\n", cancellation.Token).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellation.Token).ConfigureAwait(false);
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    changed = _changed.Task;
                }
                var (resources, telemetry) = (Volatile.Read(ref _resourcesVersion), Volatile.Read(ref _telemetryVersion));
                if (resources != sentResources)
                {
                    await response.WriteAsync("event: resources\ndata: {}\n\n", cancellation.Token).ConfigureAwait(false);
                }
                if (telemetry != sentTelemetry)
                {
                    await response.WriteAsync("event: telemetry\ndata: {}\n\n", cancellation.Token).ConfigureAwait(false);
                }
                await response.Body.FlushAsync(cancellation.Token).ConfigureAwait(false);
                (sentResources, sentTelemetry) = (resources, telemetry);
                await changed.WaitAsync(cancellation.Token).ConfigureAwait(false);
                await Task.Delay(CoalescingDelay, cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page closed or the dashboard is stopping.
        }
    }

    public void Dispose()
    {
        _resources.Changed -= OnResourcesChanged;
        _telemetry.Changed -= OnTelemetryChanged;
    }

    private void OnResourcesChanged()
    {
        Interlocked.Increment(ref _resourcesVersion);
        Signal();
    }

    private void OnTelemetryChanged()
    {
        Interlocked.Increment(ref _telemetryVersion);
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
