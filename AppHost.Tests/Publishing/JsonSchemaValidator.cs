using System.Text.Json;

namespace AppHost.Tests.Publishing;

/// <summary>
/// A JSON Schema (draft-07) validator for the keywords the Aspire manifest schema uses. JsonSchema.Net does not restore
/// here; rather than checking a hand-picked list of fields, this evaluates the schema itself, and it refuses any keyword
/// it does not implement so that a schema update cannot silently weaken the tests.
/// </summary>
internal sealed class JsonSchemaValidator(JsonElement schema)
{
    private static readonly HashSet<string> s_annotations = ["$schema", "$id", "description", "title", "definitions"];

    private static readonly HashSet<string> s_keywords =
        ["type", "required", "properties", "additionalProperties", "const", "enum", "oneOf", "anyOf", "allOf", "not", "$ref", "items"];

    public static JsonSchemaValidator Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement);

    /// <summary>Returns the violations, each as "path: problem"; none means the instance is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance) => Validate(instance, schema, "$");

    private List<string> Validate(JsonElement instance, JsonElement schema, string path)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return schema.ValueKind == JsonValueKind.True ? [] : [$"{path}: is not allowed here"];
        }

        var errors = new List<string>();
        foreach (var keyword in schema.EnumerateObject())
        {
            if (s_annotations.Contains(keyword.Name))
            {
                continue;
            }

            if (!s_keywords.Contains(keyword.Name))
            {
                throw new NotSupportedException($"The schema keyword '{keyword.Name}' at {path} is not implemented by this validator.");
            }

            errors.AddRange(Check(keyword.Name, keyword.Value, instance, schema, path));
        }

        return errors;
    }

    private IEnumerable<string> Check(string keyword, JsonElement value, JsonElement instance, JsonElement schema, string path) => keyword switch
    {
        "type" => HasType(instance, value) ? [] : [$"{path}: is {instance.ValueKind}, expected {value}"],
        "const" => JsonElement.DeepEquals(instance, value) ? [] : [$"{path}: is {instance}, expected {value}"],
        "enum" => value.EnumerateArray().Any(v => JsonElement.DeepEquals(instance, v)) ? [] : [$"{path}: {instance} is not one of {value}"],
        "required" => instance.ValueKind != JsonValueKind.Object ? []
            : value.EnumerateArray().Where(p => !instance.TryGetProperty(p.GetString()!, out _)).Select(p => $"{path}: misses required '{p}'"),
        "properties" => instance.ValueKind != JsonValueKind.Object ? []
            : value.EnumerateObject().Where(p => instance.TryGetProperty(p.Name, out _))
                .SelectMany(p => Validate(instance.GetProperty(p.Name), p.Value, $"{path}.{p.Name}")),
        "additionalProperties" => instance.ValueKind != JsonValueKind.Object ? []
            : instance.EnumerateObject()
                .Where(p => !(schema.TryGetProperty("properties", out var declared) && declared.TryGetProperty(p.Name, out _)))
                .SelectMany(p => Validate(p.Value, value, $"{path}.{p.Name}")),
        "items" => instance.ValueKind != JsonValueKind.Array ? []
            : instance.EnumerateArray().SelectMany((item, i) => Validate(item, value, $"{path}[{i}]")),
        "$ref" => Validate(instance, Resolve(value.GetString()!), path),
        "allOf" => value.EnumerateArray().SelectMany(s => Validate(instance, s, path)),
        "anyOf" => value.EnumerateArray().Any(s => Validate(instance, s, path).Count == 0) ? [] : [$"{path}: matches none of anyOf"],
        "not" => Validate(instance, value, path).Count > 0 ? [] : [$"{path}: matches a schema it must not match"],
        "oneOf" => OneOf(instance, value, path),
        _ => throw new NotSupportedException(keyword),
    };

    // Exactly one alternative must match; when none does, the closest one's errors say why.
    private IEnumerable<string> OneOf(JsonElement instance, JsonElement alternatives, string path)
    {
        var results = alternatives.EnumerateArray().Select(s => Validate(instance, s, path)).ToList();
        var matches = results.Count(r => r.Count == 0);
        return matches switch
        {
            1 => [],
            0 => [$"{path}: matches none of oneOf; closest: {string.Join("; ", results.MinBy(r => r.Count)!)}"],
            _ => [$"{path}: matches {matches} alternatives of oneOf, expected exactly one"],
        };
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are implemented, not '{reference}'.");
        }

        return reference[2..].Split('/').Aggregate(schema, (node, segment) => node.GetProperty(segment));
    }

    private static bool HasType(JsonElement instance, JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => HasType(instance, t))
        : type.GetString() switch
        {
            "object" => instance.ValueKind == JsonValueKind.Object,
            "array" => instance.ValueKind == JsonValueKind.Array,
            "string" => instance.ValueKind == JsonValueKind.String,
            "number" => instance.ValueKind == JsonValueKind.Number,
            "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
            "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => instance.ValueKind == JsonValueKind.Null,
            var other => throw new NotSupportedException($"The type '{other}' is not implemented."),
        };
}
