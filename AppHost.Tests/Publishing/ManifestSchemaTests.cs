using System.Text.Json;
using System.Text.Json.Nodes;

namespace AppHost.Tests.Publishing;

public sealed class ManifestSchemaTests
{
    private static readonly JsonSchemaValidator s_schema = JsonSchemaValidator.Load(RepositoryFiles.ManifestSchema);

    [Fact]
    public void TheCommittedManifestSatisfiesTheAspireSchema()
    {
        var committed = File.ReadAllText(RepositoryFiles.CommittedManifest);

        Assert.Empty(s_schema.Validate(JsonDocument.Parse(committed).RootElement));
        AssertUsesOnlyTypesTheSchemaDescribes(JsonNode.Parse(committed)!.AsObject());
        Assert.DoesNotContain("\"error\"", committed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orchestrator", "path")]
    [InlineData("supabase-jwt-secret", "inputs")]
    [InlineData("gpu-tasks-queue", "template-path")]
    [InlineData("canvasdb", "value")]
    public void TheSchemaCheckFailsWhenARequiredFieldIsMissing(string resource, string field)
    {
        var manifest = Committed();
        manifest["resources"]![resource]!.AsObject().Remove(field);

        Assert.NotEmpty(Validate(manifest));
    }

    [Fact]
    public void TheSchemaCheckFailsOnAnUnknownPropertyOrABadBinding()
    {
        var manifest = Committed();
        var withExtraProperty = manifest.DeepClone().AsObject();
        withExtraProperty["resources"]!["orchestrator"]!["healthCheck"] = "/health";
        var withBadBinding = manifest.DeepClone().AsObject();
        withBadBinding["resources"]!["orchestrator"]!["bindings"]!["http"]!["protocol"] = "http";

        Assert.NotEmpty(Validate(withExtraProperty));
        Assert.NotEmpty(Validate(withBadBinding));
    }

    private static JsonObject Committed() => JsonNode.Parse(File.ReadAllText(RepositoryFiles.CommittedManifest))!.AsObject();

    private static IReadOnlyList<string> Validate(JsonObject manifest) =>
        s_schema.Validate(JsonDocument.Parse(manifest.ToJsonString()).RootElement);

    // The schema accepts any unknown type as an "extension"; a typo in a type name must not pass that way.
    private static void AssertUsesOnlyTypesTheSchemaDescribes(JsonObject manifest)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.ManifestSchema));
        var known = schema.RootElement.GetProperty("properties").GetProperty("resources").GetProperty("additionalProperties")
            .GetProperty("oneOf").EnumerateArray().Last().GetProperty("not").GetProperty("properties").GetProperty("type")
            .GetProperty("enum").EnumerateArray().Select(t => t.GetString()).ToHashSet();

        Assert.All(manifest["resources"]!.AsObject(), r => Assert.Contains(r.Value!["type"]!.GetValue<string>(), known));
    }
}
