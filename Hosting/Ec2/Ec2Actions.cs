using System.Xml.Linq;
using static Backend.Hosting.Ec2.Ec2Xml;

namespace Backend.Hosting.Ec2;

/// <summary>
/// The four EC2 actions the orchestrator needs. Each validates its whole request (ids, states,
/// filters) before changing anything, as EC2 does, and a DryRun answers DryRunOperation once the
/// request has been found valid.
/// </summary>
internal sealed class Ec2Actions(Ec2InstanceTable table)
{
    private Ec2EmulatorOptions Options => table.Options;

    public XElement Handle(Ec2QueryRequest request, string requestId) => request.Action switch
    {
        "DescribeInstances" => Response(request.Action, requestId, Set("reservationSet",
            Describe(request, includeAll: true).Select(instance => Ec2InstanceXml.Reservation(instance, Options)))),
        "DescribeInstanceStatus" => Response(request.Action, requestId, Set("instanceStatusSet",
            Describe(request, request.GetBool("IncludeAllInstances")).Select(instance => Ec2InstanceXml.Status(instance, Options)))),
        "StartInstances" => Response(request.Action, requestId, Set("instancesSet",
            Change(request, i => i.CanStart, Ec2ApiException.CannotStart, i => i.Start()).Select(StateChange))),
        "StopInstances" => Response(request.Action, requestId, Set("instancesSet",
            Stop(request).Select(StateChange))),
        var action => throw Ec2ApiException.InvalidAction(action),
    };

    /// <summary>
    /// The named instances (all when none is named) that pass the filters. DescribeInstanceStatus
    /// describes only running instances unless IncludeAllInstances is set.
    /// </summary>
    private IReadOnlyList<Ec2InstanceView> Describe(Ec2QueryRequest request, bool includeAll)
    {
        var ids = request.GetList("InstanceId");
        List<Ec2InstanceView> views;
        lock (table.Lock)
        {
            var now = table.Now;
            views = [.. (ids.Count > 0 ? table.Find(ids) : table.All).Select(i => View(i, now))];
        }
        var matching = Ec2Filters.Apply(
            views.Where(v => includeAll || v.Snapshot.State == Ec2InstanceStateName.Running),
            request.GetFilters());
        return request.GetBool("DryRun") ? throw Ec2ApiException.DryRun() : matching;
    }

    private IReadOnlyList<Ec2InstanceStateChange> Stop(Ec2QueryRequest request)
    {
        var force = request.GetBool("Force");
        return Change(request, i => i.CanStop, Ec2ApiException.CannotStop, i => i.Stop(force));
    }

    /// <summary>Applies a start or stop to every named instance, or to none when one of them refuses it.</summary>
    private IReadOnlyList<Ec2InstanceStateChange> Change(
        Ec2QueryRequest request,
        Func<Ec2Instance, bool> accepts,
        Func<string, Ec2ApiException> refusal,
        Func<Ec2Instance, Ec2InstanceStateChange> apply)
    {
        var ids = request.GetList("InstanceId");
        if (ids.Count == 0)
        {
            throw Ec2ApiException.MissingParameter("InstanceId");
        }
        var dryRun = request.GetBool("DryRun");
        lock (table.Lock)
        {
            var instances = table.Find(ids);
            var refusing = instances.FirstOrDefault(i => !accepts(i));
            if (refusing is not null)
            {
                throw refusal(refusing.Id);
            }
            return dryRun ? throw Ec2ApiException.DryRun() : [.. instances.Select(apply)];
        }
    }

    private Ec2InstanceView View(Ec2Instance instance, DateTimeOffset now) =>
        new(instance.Definition, instance.Snapshot, StatusCheck(instance.Snapshot, now));

    private string StatusCheck(Ec2InstanceSnapshot snapshot, DateTimeOffset now) =>
        snapshot.State != Ec2InstanceStateName.Running ? "not-applicable"
        : now - snapshot.StateChangedAt < Options.StatusCheckDelay ? "initializing"
        : "ok";
}
