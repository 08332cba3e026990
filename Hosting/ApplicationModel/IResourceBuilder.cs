namespace Backend.Hosting.ApplicationModel;

/// <summary>Configures one resource fluently; the extension methods (<c>WithReference</c>, <c>WaitFor</c>...) hang off it.</summary>
/// <typeparam name="T">The resource type (covariant, so a database builder is also a connection-string builder).</typeparam>
public interface IResourceBuilder<out T>
    where T : IResource
{
    /// <summary>Gets the application builder the resource belongs to.</summary>
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    /// <summary>Gets the resource.</summary>
    T Resource { get; }

    /// <summary>Attaches an annotation to the resource.</summary>
    /// <param name="annotation">The annotation.</param>
    /// <typeparam name="TAnnotation">The annotation type.</typeparam>
    IResourceBuilder<T> WithAnnotation<TAnnotation>(TAnnotation annotation)
        where TAnnotation : IResourceAnnotation;
}

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;

    public IResourceBuilder<T> WithAnnotation<TAnnotation>(TAnnotation annotation)
        where TAnnotation : IResourceAnnotation
    {
        ArgumentNullException.ThrowIfNull(annotation);
        Resource.Annotations.Add(annotation);
        return this;
    }
}
