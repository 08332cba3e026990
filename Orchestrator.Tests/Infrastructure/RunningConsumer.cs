using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>A CPU queue consumer that a test starts when it is ready (the app's own worker being off), stopped on dispose.</summary>
public sealed class RunningConsumer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningConsumer(TaskQueueConsumer consumer) => _run = consumer.RunAsync(_stop.Token);

    public static RunningConsumer Start(OrchestratorFactory app) =>
        new(app.Services.GetRequiredService<TaskQueueConsumerFactory>().Create(TaskQueueNames.Cpu));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
