using System.Text.Json.Nodes;

namespace Backend.Hosting.Publishing.CloudFormation;

/// <summary>
/// The CloudFormation template of each AWS resource. Physical names are left to CloudFormation (so stacks for several
/// environments can share an account); services learn them from the stack outputs, whose names match the resource's
/// <see cref="Aws.AwsResource.OutputNames"/> (the <c>AWS__Resources__&lt;name&gt;__&lt;output&gt;</c> keys).
/// </summary>
internal static class CloudFormationTemplates
{
    internal static JsonObject Template(string description, JsonObject resources, JsonObject outputs, JsonObject? parameters = null)
    {
        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = description,
        };
        if (parameters is not null)
        {
            template["Parameters"] = parameters;
        }

        template["Resources"] = resources;
        template["Outputs"] = outputs;
        return template;
    }

    internal static JsonObject Resource(string type, JsonObject? properties = null)
    {
        var resource = new JsonObject { ["Type"] = type };
        if (properties is { Count: > 0 })
        {
            resource["Properties"] = properties;
        }

        return resource;
    }

    internal static JsonObject Output(JsonNode value) => new() { ["Value"] = value };

    internal static JsonObject Ref(string logicalId) => new() { ["Ref"] = logicalId };

    internal static JsonObject GetAtt(string logicalId, string attribute) =>
        new() { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };
}
