namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// Adds environment variables when the environment of a process is computed. Values are strings or late-bound
/// values (<see cref="IValueProvider"/> for run mode, <see cref="IManifestExpressionProvider"/> for publish mode).
/// </summary>
/// <param name="callback">Writes into <see cref="EnvironmentCallbackContext.EnvironmentVariables"/>.</param>
public sealed class EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> callback) : IResourceAnnotation
{
    /// <summary>Gets the callback.</summary>
    public Action<EnvironmentCallbackContext> Callback { get; } = callback ?? throw new ArgumentNullException(nameof(callback));
}

/// <summary>The environment being computed for one replica of a resource.</summary>
/// <param name="executionContext">Run or publish.</param>
/// <param name="resource">The resource.</param>
/// <param name="replica">The replica being started (index 0 in publish mode).</param>
public sealed class EnvironmentCallbackContext(
    DistributedApplicationExecutionContext executionContext, IResource resource, ReplicaInstance replica)
{
    /// <summary>Gets the execution context.</summary>
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    /// <summary>Gets the resource whose environment is computed.</summary>
    public IResource Resource { get; } = resource;

    /// <summary>Gets the replica.</summary>
    public ReplicaInstance Replica { get; } = replica;

    /// <summary>Gets the variables so far, in the order they were first set.</summary>
    public IDictionary<string, object> EnvironmentVariables { get; } = new OrderedDictionary<string, object>(StringComparer.Ordinal);
}

/// <summary>One running copy of a resource.</summary>
/// <param name="Index">0-based replica index.</param>
/// <param name="InstanceId">The id reported as <c>service.instance.id</c>.</param>
public sealed record ReplicaInstance(int Index, string InstanceId)
{
    /// <summary>Gets the default replica id of a resource: <c>&lt;name&gt;-&lt;index&gt;</c>.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="index">The replica index.</param>
    public static ReplicaInstance For(IResource resource, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ReplicaInstance(index, $"{resource.Name}-{index}");
    }
}
