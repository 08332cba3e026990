using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Ec2;

namespace Backend.Hosting.Ecs.Publishing;

/// <summary>A project as an ECS service: everything the stack needs about it, read from the application model.</summary>
/// <param name="Project">The project.</param>
/// <param name="ProjectPath">Its .csproj, which the deploy step publishes as a container image.</param>
/// <param name="Port">The port its http endpoint listens on; null for a worker without endpoints.</param>
/// <param name="IsExternal">Whether the endpoint is public (behind the load balancer).</param>
/// <param name="HealthPath">The path of its http health check (the target group's check).</param>
/// <param name="Options">Task size, count, Spot, autoscaling.</param>
/// <param name="Variables">Its environment, plain values and secrets.</param>
/// <param name="Host">The EC2 instance it runs on, or null for Fargate.</param>
internal sealed record EcsService(
    ProjectResource Project,
    string ProjectPath,
    int? Port,
    bool IsExternal,
    string? HealthPath,
    EcsServiceOptions Options,
    IReadOnlyList<EcsVariable> Variables,
    Ec2InstanceResource? Host)
{
    public string Name => Project.Name;

    /// <summary>The AWS resources it references, in the order it referenced them.</summary>
    public IEnumerable<AwsResource> References => Variables.Select(v => v.Value).OfType<EcsValue.Output>().Select(o => o.Resource).Distinct();

    /// <summary>The services it calls.</summary>
    public IEnumerable<ProjectResource> Calls => Variables.Select(v => v.Value).OfType<EcsValue.ServiceUrl>().Select(u => u.Service).Distinct();

    /// <summary>The secret parameters it reads.</summary>
    public IEnumerable<ParameterResource> Secrets => Variables.Select(v => v.Value).OfType<EcsValue.Secret>().Select(s => s.Parameter).Distinct();

    /// <summary>The plain parameters its environment uses (stack parameters).</summary>
    public IEnumerable<ParameterResource> Parameters => Variables.Select(v => v.Value).OfType<EcsValue.Plain>().Select(p => p.Parameter).Distinct();
}
