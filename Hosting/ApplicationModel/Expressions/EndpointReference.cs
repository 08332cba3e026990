using System.Diagnostics;
using System.Globalization;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// A late-bound reference to an endpoint of a resource. As a value it is the endpoint's URL:
/// <c>http://127.0.0.1:8080</c> in run mode, <c>{orchestrator.bindings.http.url}</c> in the manifest.
/// </summary>
/// <param name="resource">The resource owning the endpoint.</param>
/// <param name="endpointName">The endpoint's name.</param>
public sealed class EndpointReference(IResourceWithEndpoints resource, string endpointName)
    : IValueProvider, IManifestExpressionProvider
{
    /// <summary>Gets the resource owning the endpoint.</summary>
    public IResourceWithEndpoints Resource { get; } = resource;

    /// <summary>Gets the endpoint's name.</summary>
    public string EndpointName { get; } = endpointName;

    /// <summary>Gets the endpoint's annotation; throws when the resource has no such endpoint.</summary>
    public EndpointAnnotation Endpoint =>
        Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == EndpointName)
        ?? throw new DistributedApplicationException($"{Resource} has no endpoint named '{EndpointName}'.");

    /// <summary>Gets the URL (<c>scheme://host:port</c>).</summary>
    public EndpointReferenceExpression Url => Property(EndpointProperty.Url);

    /// <summary>Gets the host.</summary>
    public EndpointReferenceExpression Host => Property(EndpointProperty.Host);

    /// <summary>Gets the port clients use.</summary>
    public EndpointReferenceExpression Port => Property(EndpointProperty.Port);

    /// <summary>Gets the port the process listens on.</summary>
    public EndpointReferenceExpression TargetPort => Property(EndpointProperty.TargetPort);

    /// <inheritdoc/>
    public string ValueExpression => Url.ValueExpression;

    /// <summary>Gets one property of the endpoint as a late-bound value.</summary>
    /// <param name="property">The property.</param>
    public EndpointReferenceExpression Property(EndpointProperty property) => new(this, property);

    /// <inheritdoc/>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => Url.GetValueAsync(cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => ValueExpression;
}

/// <summary>A part of an endpoint's address.</summary>
public enum EndpointProperty
{
    /// <summary>The URL.</summary>
    Url,

    /// <summary>The host.</summary>
    Host,

    /// <summary>The port clients use.</summary>
    Port,

    /// <summary>The port the process listens on.</summary>
    TargetPort,
}

/// <summary>One property of an endpoint: <c>{name.bindings.endpoint.host|port|targetPort|url}</c> in the manifest.</summary>
/// <param name="endpoint">The endpoint.</param>
/// <param name="property">The property.</param>
public sealed class EndpointReferenceExpression(EndpointReference endpoint, EndpointProperty property)
    : IValueProvider, IManifestExpressionProvider
{
    /// <summary>Gets the endpoint.</summary>
    public EndpointReference Endpoint { get; } = endpoint;

    /// <summary>Gets the property.</summary>
    public EndpointProperty Property { get; } = property;

    /// <inheritdoc/>
    public string ValueExpression =>
        $"{{{Endpoint.Resource.Name}.bindings.{Endpoint.EndpointName}.{ManifestName(Property)}}}";

    /// <inheritdoc/>
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var annotation = Endpoint.Endpoint;
        var allocated = annotation.GetAllocatedEndpoint(Endpoint.Resource);
        var value = Property switch
        {
            EndpointProperty.Url => $"{annotation.UriScheme}://{allocated.Host}:{allocated.Port.ToString(CultureInfo.InvariantCulture)}",
            EndpointProperty.Host => allocated.Host,
            EndpointProperty.Port => allocated.Port.ToString(CultureInfo.InvariantCulture),
            EndpointProperty.TargetPort => allocated.TargetPortFor(0).ToString(CultureInfo.InvariantCulture),
            _ => throw new UnreachableException(),
        };
        return ValueTask.FromResult<string?>(value);
    }

    /// <inheritdoc/>
    public override string ToString() => ValueExpression;

    private static string ManifestName(EndpointProperty property) => property switch
    {
        EndpointProperty.Url => "url",
        EndpointProperty.Host => "host",
        EndpointProperty.Port => "port",
        EndpointProperty.TargetPort => "targetPort",
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };
}
