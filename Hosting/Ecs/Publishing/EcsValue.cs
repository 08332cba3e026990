using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;

namespace Backend.Hosting.Ecs.Publishing;

/// <summary>An environment variable's value as ECS will see it, read from the model in publish mode.</summary>
internal abstract record EcsValue
{
    /// <summary>A value known when publishing.</summary>
    public sealed record Text(string Value) : EcsValue;

    /// <summary>An output of an AWS resource of the stack (a queue URL, a table name…).</summary>
    public sealed record Output(AwsResource Resource, string Name) : EcsValue;

    /// <summary>The http URL of another service, reached through ECS Service Connect.</summary>
    public sealed record ServiceUrl(ProjectResource Service) : EcsValue;

    /// <summary>A secret parameter: an ECS secret from Secrets Manager, never a value in the template.</summary>
    public sealed record Secret(ParameterResource Parameter) : EcsValue;

    /// <summary>A plain parameter: a parameter of the stack, given its value when the stack is deployed.</summary>
    public sealed record Plain(ParameterResource Parameter) : EcsValue;
}

/// <summary>One environment variable of a service.</summary>
internal sealed record EcsVariable(string Name, EcsValue Value);
