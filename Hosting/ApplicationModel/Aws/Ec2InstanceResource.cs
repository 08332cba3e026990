namespace Backend.Hosting.ApplicationModel.Aws;

/// <summary>
/// An EC2 instance that runs a workload (the GPU worker). It is created stopped and is started and stopped by the
/// orchestrator; locally, its "running" state starts the workload's process and "stopped" stops it.
/// </summary>
/// <param name="name">The resource name (the <c>AWS__Resources__</c> key).</param>
/// <param name="instanceType">The instance type, e.g. <c>g5.xlarge</c>.</param>
public sealed class Ec2InstanceResource(string name, string instanceType) : AwsResource<Ec2InstanceAllocation>(name, AwsService.Ec2)
{
    private readonly List<IResource> _workloads = [];

    /// <summary>Gets the instance type.</summary>
    public string InstanceType { get; } = instanceType;

    /// <summary>Gets the projects that run on the instance.</summary>
    public IReadOnlyList<IResource> Workloads => _workloads;

    /// <inheritdoc/>
    public override IReadOnlyList<AwsOutputReference> Outputs => [Output("InstanceId", a => a.InstanceId)];

    internal void AddWorkload(IResource workload) => _workloads.Add(workload);
}

/// <summary>The instance the local EC2 endpoint created.</summary>
/// <param name="InstanceId">Its id (<c>i-...</c>).</param>
public sealed record Ec2InstanceAllocation(string InstanceId);

/// <summary>The resource runs on an EC2 instance: it is not started with the application but when the instance starts.</summary>
/// <param name="instance">The instance.</param>
public sealed class RunsOnAnnotation(Ec2InstanceResource instance) : IResourceAnnotation
{
    /// <summary>Gets the instance.</summary>
    public Ec2InstanceResource Instance { get; } = instance;
}
