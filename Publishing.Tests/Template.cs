using System.Text.Json.Nodes;

namespace Publishing.Tests;

/// <summary>Reading a CloudFormation template the way the tests need it.</summary>
internal static class Template
{
    /// <summary>A CDK logical id for a construct id: the id and an 8-digit hash.</summary>
    public static string LogicalId(PublishedApplication stack, string type, string constructId) =>
        stack.OfType(type).Select(r => r.Id).Single(id => id.Length == constructId.Length + 8 && id.StartsWith(constructId, StringComparison.Ordinal));

    /// <summary><c>gpu-tasks-queue</c> → <c>GpuTasksQueue</c>, as the environment names constructs.</summary>
    public static string Pascal(string name) =>
        string.Concat(name.Split('-', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public static JsonNode GetAtt(string id, string attribute) => new JsonObject { ["Fn::GetAtt"] = new JsonArray(id, attribute) };

    public static JsonNode Ref(string id) => new JsonObject { ["Ref"] = id };

    /// <summary>The task definition whose main container is the service.</summary>
    public static (string Id, JsonObject Task) TaskOf(PublishedApplication stack, string service) =>
        stack.OfType("AWS::ECS::TaskDefinition").Single(t => Containers(t.Resource).Any(c => c["Name"]!.GetValue<string>() == service));

    public static IEnumerable<JsonObject> Containers(JsonObject task) =>
        task["Properties"]!["ContainerDefinitions"]!.AsArray().Select(c => c!.AsObject());

    public static JsonObject Container(PublishedApplication stack, string service) =>
        Containers(TaskOf(stack, service).Task).Single(c => c["Name"]!.GetValue<string>() == service);

    /// <summary>Every statement of the policies attached to a role, as (sorted actions, resources as JSON).</summary>
    public static HashSet<string> Statements(PublishedApplication stack, string roleId) =>
    [
        .. stack.OfType("AWS::IAM::Policy")
            .Where(p => p.Resource["Properties"]!["Roles"]!.AsArray().Any(r => JsonNode.DeepEquals(r, Ref(roleId))))
            .SelectMany(p => p.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => Statement(AsList(s!["Action"]!).Select(a => a!.GetValue<string>()), AsList(s["Resource"]!))),
    ];

    public static string Statement(IEnumerable<string> actions, IEnumerable<JsonNode?> resources) =>
        $"{string.Join(",", actions.Order(StringComparer.Ordinal))} ON {string.Join(" | ", resources.Select(r => r!.ToJsonString()).Order(StringComparer.Ordinal))}";

    public static IEnumerable<JsonNode?> AsList(JsonNode node) => node is JsonArray array ? array : new[] { node };

    public static string RoleOf(JsonObject task, string property) => task["Properties"]![property]!["Fn::GetAtt"]![0]!.GetValue<string>();
}
