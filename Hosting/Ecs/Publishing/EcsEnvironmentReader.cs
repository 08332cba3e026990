using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;

namespace Backend.Hosting.Ecs.Publishing;

/// <summary>
/// Evaluates a service's environment callbacks in publish mode and maps each value to what ECS can hold. A value this
/// cannot map fails the publish: a variable silently dropped would be a service misconfigured in AWS.
/// </summary>
internal static class EcsEnvironmentReader
{
    public static async Task<IReadOnlyList<EcsVariable>> ReadAsync(
        ProjectResource project, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(executionContext, project, values, cancellationToken);
        foreach (var annotation in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await annotation.Callback(context).ConfigureAwait(false);
        }

        var variables = new List<EcsVariable>();
        foreach (var (name, value) in values)
        {
            if (Map(value) is { } mapped)
            {
                variables.Add(new EcsVariable(name, mapped));
            }
            else if (!UsesHttps(value))
            {
                throw new InvalidOperationException(
                    $"ECS publishing cannot map {name} of '{project.Name}' ({value.GetType().Name}): only text, AWS resource outputs, http endpoints and parameters are supported.");
            }
        }

        return variables;
    }

    private static EcsValue? Map(object value) => value switch
    {
        string text => new EcsValue.Text(text),
        AwsResourceOutput output => new EcsValue.Output(output.Resource, output.Output),
        ParameterResource { Secret: true } secret => new EcsValue.Secret(secret),
        ParameterResource plain => new EcsValue.Plain(plain),
        ConnectionStringReference { Resource: ParameterResource connectionString } => new EcsValue.Secret(connectionString),
        EndpointReference { EndpointName: "http", Resource: ProjectResource service } => new EcsValue.ServiceUrl(service),
        EndpointReferenceExpression { Endpoint.EndpointName: "http", Property: EndpointProperty.Url, Endpoint.Resource: ProjectResource service } => new EcsValue.ServiceUrl(service),
        EndpointReferenceExpression { Endpoint.EndpointName: "http", Property: EndpointProperty.TargetPort or EndpointProperty.Port } port =>
            new EcsValue.Text($"{port.Endpoint.EndpointAnnotation.TargetPort ?? port.Endpoint.EndpointAnnotation.Port}"),
        ReferenceExpression { Format: "{0}", ValueProviders: [var single] } => Map(single),
        _ => null,
    };

    // Aspire adds an https endpoint to web projects in publish mode. In ECS the load balancer terminates TLS and
    // services call each other over http inside the VPC, so the https variants are left out.
    private static bool UsesHttps(object value) => value switch
    {
        EndpointReference { EndpointName: "https" } => true,
        EndpointReferenceExpression { Endpoint.EndpointName: "https" } => true,
        ReferenceExpression { Format: "{0}", ValueProviders: [var single] } => UsesHttps(single),
        _ => false,
    };
}
