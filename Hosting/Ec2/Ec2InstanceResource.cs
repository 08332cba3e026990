using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Publishing.CloudFormation;

namespace Backend.Hosting.Ec2;

/// <summary>
/// An EC2 instance the application starts and stops (the GPU instance). Locally it is an instance of our EC2 stand-in,
/// whose state (Stopped, Pending, Running, Stopping) the dashboard shows and whose workloads (<c>RunsOn</c>) run only
/// while it runs.
/// </summary>
/// <param name="name">The resource name, also the name services' configuration keys use.</param>
/// <param name="instanceType">The instance type.</param>
public sealed class Ec2InstanceResource(string name, string instanceType) : AwsResource(name, name)
{
    internal const string EndpointOutput = "Endpoint";

    /// <summary>The instance type, e.g. <c>g5.xlarge</c>.</summary>
    public string InstanceType { get; } = instanceType;

    /// <summary>The services that run on this instance: started when it boots, stopped when it stops.</summary>
    public IReadOnlyList<IResource> Workloads => _workloads;

    /// <inheritdoc />
    public override string ServiceId => "EC2";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputNames { get; } = ["InstanceId"];

    /// <inheritdoc />
    public override object LocalEndpoint => new AwsResourceOutput(this, EndpointOutput);

    /// <inheritdoc />
    public override JsonObject CreateTemplate() => Ec2InstanceTemplate.For(Name, InstanceType);

    internal void AddWorkload(IResource workload) => _workloads.Add(workload);

    private readonly List<IResource> _workloads = [];
}
