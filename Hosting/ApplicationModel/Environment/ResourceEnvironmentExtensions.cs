namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// Computes what a process receives: its environment and arguments, resolved to concrete values in run mode
/// (for the local runner) and to manifest expressions in publish mode (for the publishers).
/// </summary>
public static class ResourceEnvironmentExtensions
{
    /// <summary>Computes the environment variables of one replica of a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="executionContext">Run or publish.</param>
    /// <param name="replica">The replica; defaults to the first.</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public static async Task<ResolvedEnvironment> GetEnvironmentVariablesAsync(
        this IResource resource,
        DistributedApplicationExecutionContext executionContext,
        ReplicaInstance? replica = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(executionContext);
        var context = new EnvironmentCallbackContext(executionContext, resource, replica ?? ReplicaInstance.For(resource));
        foreach (var annotation in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            annotation.Callback(context);
        }

        var resolved = new ResolvedEnvironment();
        foreach (var (name, value) in context.EnvironmentVariables)
        {
            var text = await ResolveAsync(value, executionContext, $"environment variable {name} of {resource}", cancellationToken)
                .ConfigureAwait(false);
            resolved.Set(name, text, SecretValues.IsSecret(value));
        }

        return resolved;
    }

    /// <summary>Computes the command-line arguments of a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="executionContext">Run or publish.</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public static async Task<IReadOnlyList<string>> GetArgumentsAsync(
        this IResource resource, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var args = new List<string>();
        foreach (var arg in resource.Annotations.OfType<CommandLineArgsAnnotation>().SelectMany(a => a.Args))
        {
            args.Add(await ResolveAsync(arg, executionContext, $"an argument of {resource}", cancellationToken).ConfigureAwait(false));
        }

        return args;
    }

    /// <summary>Gets how many replicas of the resource run (1 unless <c>WithReplicas</c> said otherwise).</summary>
    /// <param name="resource">The resource.</param>
    public static int GetReplicaCount(this IResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
    }

    /// <summary>Gets the endpoints of a resource, in declaration order.</summary>
    /// <param name="resource">The resource.</param>
    public static IEnumerable<EndpointAnnotation> GetEndpoints(this IResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Annotations.OfType<EndpointAnnotation>();
    }

    /// <summary>Resolves one value: a string as is, a late-bound value to its run-mode value or manifest expression.</summary>
    /// <param name="value">The value.</param>
    /// <param name="executionContext">Run or publish.</param>
    /// <param name="description">What the value is for, to name it in errors.</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public static async ValueTask<string> ResolveAsync(
        object value, DistributedApplicationExecutionContext executionContext, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        return value switch
        {
            string text => text,
            IManifestExpressionProvider expression when executionContext.IsPublishMode => expression.ValueExpression,
            IValueProvider provider when executionContext.IsRunMode =>
                await provider.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty,
            _ => throw new DistributedApplicationException(
                $"The value of {description} ({value?.GetType().Name ?? "null"}) cannot be resolved in {executionContext.Operation} mode."),
        };
    }
}
