namespace Backend.Hosting.ApplicationModel;

/// <summary>The validated, frozen set of resources that the local runner starts and the publishers describe.</summary>
/// <param name="resources">The resources, in declaration order.</param>
/// <param name="executionContext">Run or publish, and the run-mode values.</param>
/// <param name="appHostDirectory">The AppHost project directory.</param>
public sealed class DistributedApplicationModel(
    IReadOnlyList<IResource> resources,
    DistributedApplicationExecutionContext executionContext,
    string appHostDirectory)
{
    /// <summary>Gets the resources in declaration order.</summary>
    public IReadOnlyList<IResource> Resources { get; } = resources;

    /// <summary>Gets the execution context.</summary>
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    /// <summary>Gets the AppHost project directory.</summary>
    public string AppHostDirectory { get; } = appHostDirectory;

    /// <summary>Finds a resource by name (case-insensitively).</summary>
    /// <param name="name">The name.</param>
    public IResource this[string name] =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"The application has no resource named '{name}'.");
}
