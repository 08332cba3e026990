using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Environment variables, arguments and replicas of processes.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Sets an environment variable to a literal value.</summary>
    /// <param name="builder">The process.</param>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithEnvironmentValue(name, value);
    }

    /// <summary>Sets an environment variable to a late-bound value (an expression, an endpoint URL...).</summary>
    /// <param name="builder">The process.</param>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static IResourceBuilder<T> WithEnvironment<T, TValue>(this IResourceBuilder<T> builder, string name, TValue value)
        where T : IResourceWithEnvironment
        where TValue : IValueProvider, IManifestExpressionProvider
    {
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithEnvironmentValue(name, value);
    }

    /// <summary>Sets an environment variable to a parameter's value (<c>{name.value}</c> in the manifest).</summary>
    /// <param name="builder">The process.</param>
    /// <param name="name">The variable name.</param>
    /// <param name="parameter">The parameter.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithEnvironment<T>(
        this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(parameter);
        builder.WithAnnotation(new ReferenceAnnotation(parameter.Resource));
        return builder.WithEnvironmentValue(name, parameter.Resource);
    }

    /// <summary>Adds environment variables computed when the environment is resolved (mode-dependent values).</summary>
    /// <param name="builder">The process.</param>
    /// <param name="callback">Writes into the context's variables.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));
    }

    /// <summary>Appends command-line arguments: strings or late-bound values.</summary>
    /// <param name="builder">The process.</param>
    /// <param name="args">The arguments.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params object[] args)
        where T : IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(args);
        var invalid = args.FirstOrDefault(a => a is not (string or IValueProvider or IManifestExpressionProvider));
        if (invalid is not null || args.Any(a => a is null))
        {
            throw new ArgumentException(
                $"Arguments of {builder.Resource} must be strings or late-bound values, not {invalid?.GetType().Name ?? "null"}.", nameof(args));
        }

        return builder.WithAnnotation(new CommandLineArgsAnnotation([.. args]));
    }

    /// <summary>Runs several copies of a project; each gets its own <c>service.instance.id</c>.</summary>
    /// <param name="builder">The project.</param>
    /// <param name="replicas">The number of copies, at least 1.</param>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        return builder.WithAnnotation(new ReplicaAnnotation(replicas));
    }

    private static IResourceBuilder<T> WithEnvironmentValue<T>(this IResourceBuilder<T> builder, string name, object value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables[name] = value));
    }
}
