using System.Collections.ObjectModel;

namespace Backend.Hosting.ApplicationModel;

/// <summary>The base of every resource: a name and its annotations.</summary>
public abstract class Resource : IResource
{
    /// <summary>Creates a resource.</summary>
    /// <param name="name">The resource's name; <see cref="ResourceNames.Validate"/> checks it when it is added.</param>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ResourceAnnotationCollection Annotations { get; } = [];

    /// <summary>Describes the resource by kind and name; never includes values.</summary>
    public override string ToString() => $"{GetType().Name.Replace("Resource", string.Empty, StringComparison.Ordinal)} '{Name}'";
}

/// <summary>A marker for the facts that builder methods attach to a resource.</summary>
public interface IResourceAnnotation;

/// <summary>The annotations of one resource, in the order they were added.</summary>
public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>;
