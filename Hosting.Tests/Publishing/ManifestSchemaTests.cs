using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.Hosting.Tests.Publishing;

public sealed class ManifestSchemaTests
{
    private static readonly JsonSchemaValidator s_schema = JsonSchemaValidator.Load(RepositoryFiles.ManifestSchema);

    [Fact]
    public async Task EveryKindOfResourceThePublisherWritesSatisfiesTheAspireSchema()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);

        Assert.Empty(s_schema.Validate(manifest.AsElement()));
        AssertUsesOnlyTypesTheSchemaDescribes(manifest.Json);
    }

    [Fact]
    public void TheCommittedManifestSatisfiesTheAspireSchema()
    {
        var committed = File.ReadAllText(RepositoryFiles.CommittedManifest);

        Assert.Empty(s_schema.Validate(JsonDocument.Parse(committed).RootElement));
        AssertUsesOnlyTypesTheSchemaDescribes(JsonNode.Parse(committed)!.AsObject());
    }

    [Theory]
    [InlineData("orchestrator", "path")]
    [InlineData("jwt-secret", "inputs")]
    [InlineData("gpu_tasks_queue", "template-path")]
    [InlineData("postgres", "image")]
    [InlineData("canvasdb", "connectionString")]
    [InlineData("launcher", "workingDirectory")]
    public async Task TheSchemaCheckFailsWhenARequiredFieldIsMissing(string resource, string field)
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        manifest.Resources[resource]!.AsObject().Remove(field);

        Assert.NotEmpty(Validate(manifest.Json));
    }

    [Fact]
    public async Task TheSchemaCheckFailsOnAnUnknownPropertyOrABadBinding()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        var withExtraProperty = manifest.Json.DeepClone().AsObject();
        withExtraProperty["resources"]!["orchestrator"]!["healthCheck"] = "/health";
        var withBadBinding = manifest.Json.DeepClone().AsObject();
        withBadBinding["resources"]!["orchestrator"]!["bindings"]!["http"]!["protocol"] = "http";

        Assert.NotEmpty(Validate(withExtraProperty));
        Assert.NotEmpty(Validate(withBadBinding));
    }

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
