using System.Xml.Linq;
using static Backend.Hosting.Ec2.Ec2Xml;

namespace Backend.Hosting.Ec2;

/// <summary>The instance parts of DescribeInstances and DescribeInstanceStatus responses.</summary>
internal static class Ec2InstanceXml
{
    /// <summary>
    /// One reservation per instance, as if each had been launched on its own; the reservation id is
    /// derived from the instance id so that it stays the same from one call to the next.
    /// </summary>
    public static XElement Reservation(Ec2InstanceView instance, Ec2EmulatorOptions options) => Item(
        E("reservationId", "r-" + instance.Definition.InstanceId["i-".Length..]),
        E("ownerId", options.AccountId),
        Set("groupSet", []),
        Set("instancesSet", [Instance(instance, options)]));

    private static XElement Instance(Ec2InstanceView instance, Ec2EmulatorOptions options)
    {
        var (definition, snapshot, _) = instance;
        return Item(
            E("instanceId", definition.InstanceId),
            E("imageId", definition.ImageId),
            State("instanceState", snapshot.State),
            E("privateDnsName", ""),
            E("dnsName", ""),
            E("reason", snapshot.StateTransitionReason),
            E("amiLaunchIndex", 0),
            Set("productCodes", []),
            E("instanceType", definition.InstanceType),
            E("launchTime", snapshot.LaunchTime),
            new XElement(Ns + "placement", E("availabilityZone", options.AvailabilityZone), E("tenancy", "default")),
            new XElement(Ns + "monitoring", E("state", "disabled")),
            E("privateIpAddress", definition.PrivateIpAddress),
            Set("groupSet", []),
            snapshot.StateReason is { } reason
                ? new XElement(Ns + "stateReason", E("code", reason.Code), E("message", reason.Message))
                : null,
            E("architecture", "x86_64"),
            E("rootDeviceType", "ebs"),
            E("rootDeviceName", "/dev/xvda"),
            E("virtualizationType", "hvm"),
            E("hypervisor", "xen"),
            Set("tagSet", definition.Tags.Select(tag => Item(E("key", tag.Key), E("value", tag.Value)))),
            E("ebsOptimized", true),
            E("enaSupport", true));
    }

    /// <summary>
    /// An instanceStatusSet item. EC2 reports <c>not-applicable</c> checks for an instance that is
    /// not running, <c>initializing</c> while a new one boots, then <c>ok</c> with reachability passed.
    /// </summary>
    public static XElement Status(Ec2InstanceView instance, Ec2EmulatorOptions options) => Item(
        E("instanceId", instance.Definition.InstanceId),
        E("availabilityZone", options.AvailabilityZone),
        State("instanceState", instance.Snapshot.State),
        StatusSummary("systemStatus", instance.StatusCheck),
        StatusSummary("instanceStatus", instance.StatusCheck),
        Set("eventsSet", []));

    private static XElement StatusSummary(string name, string status) => new(
        Ns + name,
        E("status", status),
        status == "not-applicable"
            ? null
            : Set("details", [Item(E("name", "reachability"), E("status", status == "ok" ? "passed" : status))]));
}
