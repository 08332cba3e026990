using Backend.Hosting.Ec2;
using Backend.Orchestrator.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// The real GpuWorker service "on" the emulated instance, as the AppHost runs it locally: started
/// when the instance starts, stopped (it drains and hands back what it holds) when the instance stops.
/// </summary>
internal sealed class GpuWorkerInstanceBackend(TestResources resources) : IEc2InstanceBackend, IAsyncDisposable
{
    private IHost? _worker;
    private int _starts;

    public int Starts => Volatile.Read(ref _starts);

    public async Task StartAsync(string instanceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        _worker = await GpuWorkerHost.StartAsync(resources);
    }

    public async Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.StopAsync(force ? new CancellationToken(canceled: true) : CancellationToken.None);
            worker.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync("", force: true, CancellationToken.None));
}
