namespace Backend.Hosting.Ec2;

/// <summary>
/// The EC2 instance states the emulator models. Each value is the state's EC2 code
/// (the low byte of <c>instanceState/code</c>), so <c>(int)state</c> is what the API reports.
/// </summary>
public enum Ec2InstanceStateName
{
    /// <summary>The instance is starting: the backend's start is in progress or the start delay has not elapsed.</summary>
    Pending = 0,

    /// <summary>The instance is running.</summary>
    Running = 16,

    /// <summary>The instance is stopping: the backend's stop is in progress or the stop delay has not elapsed.</summary>
    Stopping = 64,

    /// <summary>The instance is stopped.</summary>
    Stopped = 80,
}

/// <summary>The lower-case names EC2 uses on the wire (<c>instance-state-name</c>).</summary>
internal static class Ec2InstanceStateNames
{
    public static string ToWireName(this Ec2InstanceStateName state) => state switch
    {
        Ec2InstanceStateName.Pending => "pending",
        Ec2InstanceStateName.Running => "running",
        Ec2InstanceStateName.Stopping => "stopping",
        Ec2InstanceStateName.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a modelled EC2 state."),
    };
}
