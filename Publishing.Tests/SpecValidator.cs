using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Tests;

/// <summary>
/// Checks a template against the specification: each resource type exists, each property is one of its type's, each
/// required property is set, nested objects and lists follow their property types, and each <c>Fn::GetAtt</c> names
/// an attribute the target's type has. Values given by intrinsic functions are taken as valid.
/// </summary>
internal static class SpecValidator
{
    public static List<string> Validate(CloudFormationSpec spec, JsonObject template)
    {
        var errors = new List<string>();
        var resources = template["Resources"]!.AsObject();
        foreach (var (id, resource) in resources)
        {
            var type = resource!["Type"]!.GetValue<string>();
            if (!spec.Resources.TryGetValue(type, out var definition))
            {
                errors.Add($"{id}: unknown resource type {type}");
                continue;
            }

            CheckObject(spec, definition.GetProperty("properties"), resource["Properties"] as JsonObject ?? [], $"{id} ({type})", errors);
        }

        foreach (var getAtt in Descendants(template).OfType<JsonObject>().Select(o => o["Fn::GetAtt"]).OfType<JsonArray>())
        {
            var (target, attribute) = (getAtt[0]!.GetValue<string>(), getAtt[1]!.GetValue<string>());
            var type = resources[target]?["Type"]?.GetValue<string>();
            if (type is null || !spec.Resources.TryGetValue(type, out var definition) || !definition.GetProperty("attributes").TryGetProperty(attribute, out _))
            {
                errors.Add($"Fn::GetAtt {target}.{attribute}: no such attribute of {type ?? "a missing resource"}");
            }
        }

        return errors;
    }

    private static void CheckObject(CloudFormationSpec spec, JsonElement properties, JsonObject value, string path, List<string> errors)
    {
        foreach (var (name, property) in value)
        {
            if (!properties.TryGetProperty(name, out var definition))
            {
                errors.Add($"{path}: unknown property {name}");
            }
            else
            {
                CheckValue(spec, definition.GetProperty("type"), property, $"{path}.{name}", errors);
            }
        }

        foreach (var required in properties.EnumerateObject().Where(p => p.Value.TryGetProperty("required", out var r) && r.GetBoolean()))
        {
            if (!value.ContainsKey(required.Name))
            {
                errors.Add($"{path}: required property {required.Name} is missing");
            }
        }
    }

    private static void CheckValue(CloudFormationSpec spec, JsonElement type, JsonNode? value, string path, List<string> errors)
    {
        if (value is JsonObject intrinsic && intrinsic.Count == 1 && intrinsic.Single().Key is "Ref" or "Condition" || value is JsonObject fn && fn.Count == 1 && fn.Single().Key.StartsWith("Fn::", StringComparison.Ordinal))
        {
            return;
        }

        switch (type.GetProperty("type").GetString())
        {
            case "ref" when value is JsonObject nested:
                CheckObject(spec, spec.Types[type.GetProperty("reference").GetProperty("$ref").GetString()!].GetProperty("properties"), nested, path, errors);
                break;
            case "array" when value is JsonArray items:
                foreach (var (item, index) in items.Select((item, index) => (item, index)))
                {
                    CheckValue(spec, type.GetProperty("element"), item, $"{path}[{index}]", errors);
                }

                break;
            case "map" when value is JsonObject map:
                foreach (var (key, item) in map)
                {
                    CheckValue(spec, type.GetProperty("element"), item, $"{path}.{key}", errors);
                }

                break;
            case "union":
                var attempts = type.GetProperty("types").EnumerateArray().Select(t => { var e = new List<string>(); CheckValue(spec, t, value, path, e); return e; }).ToList();
                if (attempts.All(e => e.Count > 0))
                {
                    errors.AddRange(attempts[0]);
                }

                break;
            case "string" or "date-time" when value is JsonValue:
            case "integer" or "number" when value is JsonValue v && (v.GetValueKind() == JsonValueKind.Number || double.TryParse(v.ToString(), out _)):
            case "boolean" when value is JsonValue b && (b.GetValueKind() is JsonValueKind.True or JsonValueKind.False || b.ToString() is "true" or "false"):
            case "json":
            case "tag" when value is JsonObject:
                break;
            default:
                errors.Add($"{path}: {value?.ToJsonString()} is not a {type.GetProperty("type").GetString()}");
                break;
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(o),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(a),
        _ => [node],
    };
}
