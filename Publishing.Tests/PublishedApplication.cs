using System.Text.Json.Nodes;

[assembly: AssemblyFixture(typeof(Publishing.Tests.PublishedApplication))]
// Each publish is a CDK synth of ~400 MB in two processes: one at a time, not one per test class at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Publishing.Tests;

/// <summary>The stack the AppHost publishes, published once for all tests (a synth takes seconds and ~400 MB).</summary>
public sealed class PublishedApplication : IAsyncLifetime
{
    public const string StackName = "canvas";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ecs-publish-").FullName;

    public string EnvironmentDirectory => Path.Combine(Directory, "aws");

    public string TemplatePath => Path.Combine(EnvironmentDirectory, $"{StackName}.template.json");

    public string ParametersPath => Path.Combine(EnvironmentDirectory, $"{StackName}.parameters.json");

    public JsonObject Template { get; private set; } = [];

    public JsonObject Resources => Template[nameof(Resources)]!.AsObject();

    public async ValueTask InitializeAsync()
    {
        await AppHostProcess.PublishAsync(Directory, TestContext.Current.CancellationToken);
        Template = JsonNode.Parse(await File.ReadAllTextAsync(TemplatePath))!.AsObject();
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The resources of a type, by logical id.</summary>
    public IEnumerable<(string Id, JsonObject Resource)> OfType(string type) =>
        Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));
}
