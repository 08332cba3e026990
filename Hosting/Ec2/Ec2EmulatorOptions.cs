using System.Text.RegularExpressions;

namespace Backend.Hosting.Ec2;

/// <summary>Configures an <see cref="Ec2Emulator"/>.</summary>
public sealed partial class Ec2EmulatorOptions
{
    /// <summary>The instances the emulator serves. At least one; ids must be unique.</summary>
    public IList<Ec2InstanceDefinition> Instances { get; init; } = [];

    /// <summary>
    /// The least time an instance stays <c>pending</c>: it becomes <c>running</c> once the backend's
    /// start has completed and this much time has passed since the start. Defaults to 2 seconds.
    /// </summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The least time a graceful stop keeps an instance <c>stopping</c> (a forced stop skips it).
    /// Defaults to 1 second.
    /// </summary>
    public TimeSpan StopDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long DescribeInstanceStatus reports a newly running instance's status checks as
    /// <c>initializing</c> before <c>ok</c>. Defaults to 1 second.
    /// </summary>
    public TimeSpan StatusCheckDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The port to listen on at 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The availability zone reported for every instance. Defaults to <c>us-east-1a</c>.</summary>
    public string AvailabilityZone { get; init; } = "us-east-1a";

    /// <summary>The account id reported as each reservation's owner. Defaults to <c>000000000000</c>.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>The clock for timestamps and delays; tests may substitute a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>EC2's instance id format: <c>i-</c> then 8 (older) or 17 lower-case hex digits.</summary>
    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$")]
    internal static partial Regex InstanceIdFormat();

    /// <summary>Fails fast on a configuration the emulator could not serve faithfully.</summary>
    internal void Validate()
    {
        if (Instances.Count == 0)
        {
            throw new ArgumentException("Declare at least one instance.", nameof(Instances));
        }
        foreach (var instance in Instances)
        {
            if (!InstanceIdFormat().IsMatch(instance.InstanceId))
            {
                throw new ArgumentException($"'{instance.InstanceId}' is not an EC2 instance id (i- and 8 or 17 hex digits).", nameof(Instances));
            }
            if (instance.InitialState is not (Ec2InstanceStateName.Stopped or Ec2InstanceStateName.Running))
            {
                throw new ArgumentException($"Instance '{instance.InstanceId}' must start stopped or running.", nameof(Instances));
            }
        }
        var duplicate = Instances.GroupBy(i => i.InstanceId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Instance '{duplicate.Key}' is declared twice.", nameof(Instances));
        }
        if (StartDelay < TimeSpan.Zero || StopDelay < TimeSpan.Zero || StatusCheckDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Delays cannot be negative.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
    }
}
