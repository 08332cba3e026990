using System.Globalization;

namespace Backend.Hosting.Ec2;

/// <summary>
/// One instance's state machine: <c>stopped → pending → running → stopping → stopped</c>.
/// Requests move it into <c>pending</c> and <c>stopping</c>; background transitions (this class's
/// other parts) move it on once the backend's work and the configured delay are done.
/// Every member that reads or changes state expects the caller to hold the table's lock.
/// </summary>
internal sealed partial class Ec2Instance
{
    private readonly Ec2InstanceTable _table;

    public Ec2Instance(Ec2InstanceDefinition definition, Ec2InstanceTable table)
    {
        Definition = definition;
        _table = table;
        var now = table.Now;
        Snapshot = new Ec2InstanceSnapshot(
            definition.InstanceId, definition.InstanceType, definition.InitialState, Transition: 0,
            StateChangedAt: now, LaunchTime: now, StateReason: null, StateTransitionReason: "");
    }

    public Ec2InstanceDefinition Definition { get; }

    public string Id => Definition.InstanceId;

    /// <summary>The latest recorded state; replaced (never mutated) on every change.</summary>
    public Ec2InstanceSnapshot Snapshot { get; private set; }

    /// <summary>
    /// A start on a stopping instance is refused, as EC2 does: starting must wait for stopped.
    /// Pending and running are accepted and leave the instance as it is.
    /// </summary>
    public bool CanStart => Snapshot.State is not Ec2InstanceStateName.Stopping;

    /// <summary>
    /// A stop on a pending instance is refused: EC2 answers IncorrectInstanceState for an instance
    /// that has not reached running yet (the state diagram in EC2's instance lifecycle guide agrees).
    /// It also keeps the backend's calls strictly alternating. Stopping and stopped are accepted as no-ops.
    /// </summary>
    public bool CanStop => Snapshot.State is not Ec2InstanceStateName.Pending;

    /// <summary>Records a change: a new snapshot, one more transition, observers told.</summary>
    private Ec2InstanceStateChange MoveTo(
        Ec2InstanceStateName state, Ec2StateReason? reason, string transitionReason, bool launched = false)
    {
        var previous = Snapshot;
        var now = _table.Now;
        Snapshot = previous with
        {
            State = state,
            Transition = previous.Transition + 1,
            StateChangedAt = now,
            LaunchTime = launched ? now : previous.LaunchTime,
            StateReason = reason,
            StateTransitionReason = transitionReason,
        };
        var change = new Ec2InstanceStateChange(previous, Snapshot);
        _table.Publish(change);
        return change;
    }

    /// <summary>What EC2 answers for a start or stop that changes nothing: the same state before and after.</summary>
    private Ec2InstanceStateChange Unchanged() => new(Snapshot, Snapshot);

    /// <summary>EC2's wording of a transition's time in <c>reason</c>, e.g. <c>User initiated (2025-01-01 12:00:00 GMT)</c>.</summary>
    private string Initiated(string by) =>
        string.Create(CultureInfo.InvariantCulture, $"{by} initiated ({_table.Now.UtcDateTime:yyyy-MM-dd HH:mm:ss} GMT)");
}
