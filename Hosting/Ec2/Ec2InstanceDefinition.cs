namespace Backend.Hosting.Ec2;

/// <summary>
/// An instance the emulator knows from the start. EC2 instances are not created through the
/// emulator (there is no RunInstances): the application model declares the GPU instance up front,
/// the way the real one exists before the orchestrator ever starts it.
/// </summary>
/// <param name="InstanceId">The instance id, in EC2's format (<c>i-</c> and 8 or 17 lower-case hex digits), e.g. <c>i-0123456789abcdef0</c>.</param>
public sealed record Ec2InstanceDefinition(string InstanceId)
{
    /// <summary>The instance type reported by DescribeInstances. Defaults to <c>g5.xlarge</c>.</summary>
    public string InstanceType { get; init; } = "g5.xlarge";

    /// <summary>
    /// The state the instance is in when the emulator starts: <see cref="Ec2InstanceStateName.Stopped"/>
    /// (the default) or <see cref="Ec2InstanceStateName.Running"/>. The backend is not called for the
    /// initial state: declaring an instance running says its work is already running.
    /// </summary>
    public Ec2InstanceStateName InitialState { get; init; } = Ec2InstanceStateName.Stopped;

    /// <summary>
    /// The private IP address reported by DescribeInstances. Defaults to <c>127.0.0.1</c>, because
    /// locally the instance's work (the GPU worker) runs on this machine.
    /// </summary>
    public string PrivateIpAddress { get; init; } = "127.0.0.1";

    /// <summary>The AMI id reported by DescribeInstances.</summary>
    public string ImageId { get; init; } = "ami-0123456789abcdef0";

    /// <summary>Tags reported by DescribeInstances and matched by its <c>tag:</c> and <c>tag-key</c> filters.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
