namespace Backend.Hosting.Ec2;

/// <summary>An immutable view of one instance at one transition, for consoles, dashboards and tests.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="InstanceType">The instance type.</param>
/// <param name="State">The instance's state.</param>
/// <param name="Transition">
/// Counts the changes recorded for this instance: 0 for the declared initial state, then one more for
/// every change (a new state, or a new <paramref name="StateReason"/> such as a failed stop).
/// It only grows, so an observer can drop a snapshot older than the one it already has.
/// </param>
/// <param name="StateChangedAt">When this transition was recorded.</param>
/// <param name="LaunchTime">When the instance was last started (EC2 moves <c>launchTime</c> on every start).</param>
/// <param name="StateReason">Why the instance is in this state (EC2's <c>stateReason</c>), if EC2 would say.</param>
/// <param name="StateTransitionReason">EC2's free-text <c>reason</c>, e.g. <c>User initiated (2025-01-01 12:00:00 GMT)</c>; empty when none.</param>
public sealed record Ec2InstanceSnapshot(
    string InstanceId,
    string InstanceType,
    Ec2InstanceStateName State,
    long Transition,
    DateTimeOffset StateChangedAt,
    DateTimeOffset LaunchTime,
    Ec2StateReason? StateReason,
    string StateTransitionReason);

/// <summary>EC2's <c>stateReason</c>: a code such as <c>Client.UserInitiatedShutdown</c> and its message.</summary>
/// <param name="Code">The reason code.</param>
/// <param name="Message">The reason message.</param>
public sealed record Ec2StateReason(string Code, string Message);

/// <summary>One recorded change of an instance, raised by <see cref="Ec2Emulator.StateChanged"/>.</summary>
/// <param name="Previous">The instance before the change.</param>
/// <param name="Current">The instance after the change.</param>
public sealed record Ec2InstanceStateChange(Ec2InstanceSnapshot Previous, Ec2InstanceSnapshot Current);
