namespace Backend.Hosting.Ec2;

/// <summary>
/// The real work behind an emulated instance: locally, "running" means a GPU worker process runs.
/// The emulator calls <see cref="StartAsync"/> when an instance enters <c>pending</c> and
/// <see cref="StopAsync"/> when it enters <c>stopping</c>; the instance only becomes <c>running</c>
/// (or <c>stopped</c>) once the call has completed.
/// </summary>
/// <remarks>
/// Calls for one instance never overlap and alternate start, stop, start…, except that a forced stop
/// may follow a graceful stop that failed or was interrupted. Calls run on the thread pool, never on
/// the request that caused them.
/// </remarks>
public interface IEc2InstanceBackend
{
    /// <summary>
    /// Starts the instance's work. Throwing puts the instance back to <c>stopped</c> with the state
    /// reason <c>Server.InternalError</c>, as when EC2 cannot launch an instance.
    /// </summary>
    /// <param name="instanceId">The instance being started.</param>
    /// <param name="cancellationToken">Cancelled when the emulator is disposed.</param>
    Task StartAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the instance's work. Throwing leaves the instance in <c>stopping</c> with the state reason
    /// <c>Server.InternalError</c>, as an instance stuck in stopping on EC2; a StopInstances call with
    /// <c>Force</c> then tries again with <paramref name="force"/> set.
    /// </summary>
    /// <param name="instanceId">The instance being stopped.</param>
    /// <param name="force">
    /// True for StopInstances with <c>Force</c>: skip the graceful shutdown (e.g. kill the process
    /// rather than ask it to drain).
    /// </param>
    /// <param name="cancellationToken">
    /// Cancelled when the emulator is disposed, and for a graceful stop also when a forced stop of
    /// the same instance is requested (a forced call follows once this one returns).
    /// </param>
    Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken);
}

/// <summary>The backend used when the owner attaches none: transitions only take their configured time.</summary>
internal sealed class NoWorkEc2InstanceBackend : IEc2InstanceBackend
{
    public static readonly NoWorkEc2InstanceBackend Instance = new();

    public Task StartAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(string instanceId, bool force, CancellationToken cancellationToken) => Task.CompletedTask;
}
