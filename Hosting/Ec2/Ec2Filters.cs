using System.Globalization;
using System.Text.RegularExpressions;

namespace Backend.Hosting.Ec2;

/// <summary>One instance as a response describes it: what was declared and its state when the request was served.</summary>
internal sealed record Ec2InstanceView(Ec2InstanceDefinition Definition, Ec2InstanceSnapshot Snapshot, string StatusCheck);

/// <summary>
/// EC2's Describe filters: an instance matches when, for every filter, one of its values for the
/// filter's name matches one of the filter's values; <c>*</c> and <c>?</c> are wildcards.
/// </summary>
internal static class Ec2Filters
{
    public static IReadOnlyList<Ec2InstanceView> Apply(IEnumerable<Ec2InstanceView> instances, IReadOnlyList<Ec2Filter> filters)
    {
        var predicates = filters.Select(Predicate).ToList();
        return [.. instances.Where(instance => predicates.All(matches => matches(instance)))];
    }

    private static Func<Ec2InstanceView, bool> Predicate(Ec2Filter filter)
    {
        var valuesOf = Accessor(filter.Name)
            ?? throw Ec2ApiException.InvalidParameterValue($"The filter '{filter.Name}' is invalid");
        var patterns = filter.Values.Select(Wildcard).ToList();
        return instance => valuesOf(instance).Any(value => patterns.Any(pattern => pattern.IsMatch(value)));
    }

    /// <summary>The filter names both Describe actions accept here (a subset of EC2's), or null.</summary>
    private static Func<Ec2InstanceView, IEnumerable<string>>? Accessor(string name) => name switch
    {
        "instance-id" => i => [i.Definition.InstanceId],
        "instance-state-name" => i => [i.Snapshot.State.ToWireName()],
        "instance-state-code" => i => [((int)i.Snapshot.State).ToString(CultureInfo.InvariantCulture)],
        "instance-type" => i => [i.Definition.InstanceType],
        "image-id" => i => [i.Definition.ImageId],
        "private-ip-address" => i => [i.Definition.PrivateIpAddress],
        "tag-key" => i => i.Definition.Tags.Keys,
        _ when name.StartsWith("tag:", StringComparison.Ordinal) =>
            i => i.Definition.Tags.TryGetValue(name["tag:".Length..], out var value) ? [value] : [],
        "system-status.status" or "instance-status.status" => i => [i.StatusCheck],
        _ => null,
    };

    private static Regex Wildcard(string value) => new(
        "^" + Regex.Escape(value).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
