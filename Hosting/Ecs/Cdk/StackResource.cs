using Amazon.CDK.AWS.IAM;
using Backend.Hosting.Aws;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// An AWS resource of the model as constructs of the stack: the values its outputs take (what a reference passes on as
/// <c>AWS__Resources__&lt;name&gt;__&lt;Output&gt;</c>) and the permissions a service that references it gets.
/// </summary>
internal abstract class StackResource(AwsResource resource)
{
    public AwsResource Resource { get; } = resource;

    /// <summary>The value of an output: a CloudFormation token resolved at deploy time.</summary>
    public abstract string Output(string name);

    /// <summary>Exactly what a referencing service calls, on this resource only.</summary>
    public abstract IEnumerable<PolicyStatement> Permissions();

    protected static PolicyStatement Allow(IEnumerable<string> actions, params string[] resources) => new(new PolicyStatementProps
    {
        Effect = Effect.ALLOW,
        Actions = [.. actions],
        Resources = resources,
    });

    protected InvalidOperationException UnknownOutput(string name) =>
        new($"The resource '{Resource.Name}' has no output '{name}' in the ECS stack.");

    /// <summary>A construct id from a resource name: <c>gpu-tasks-queue</c> → <c>GpuTasksQueue</c>.</summary>
    public static string Id(string name) =>
        string.Concat(name.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
