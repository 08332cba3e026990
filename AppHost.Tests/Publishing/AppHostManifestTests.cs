using System.Text.Json.Nodes;
using Backend.Hosting.Testing;

namespace AppHost.Tests.Publishing;

/// <summary>
/// The committed aspire-manifest.json (and its CloudFormation templates) must be what the AppHost publishes now, so a
/// change to the model without regenerating them fails here. The AppHost runs as a process, exactly as documented.
/// </summary>
public sealed class AppHostManifestTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private const string Regenerate =
        "regenerate it with `dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json` and commit it with cloudformation/";

    private readonly string _directory = Directory.CreateTempSubdirectory("apphost-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task TheCommittedManifestIsWhatTheAppHostPublishes()
    {
        var output = Path.Combine(_directory, "aspire-manifest.json");
        await PublishAppHostAsync(output);

        var generated = Normalize(output);
        var committed = Normalize(RepositoryFiles.CommittedManifest);

        Assert.True(
            JsonNode.DeepEquals(generated, committed) && generated.Select(r => r.Key).SequenceEqual(committed.Select(r => r.Key)),
            $"aspire-manifest.json is out of date: {Regenerate}.\nPublished now:\n{await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)}");
        foreach (var (name, resource) in generated.Where(r => r.Value!["template-path"] is not null))
        {
            var templatePath = resource!["template-path"]!.GetValue<string>();
            Assert.True(
                await File.ReadAllTextAsync(Path.Combine(_directory, templatePath), TestContext.Current.CancellationToken)
                    == await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, templatePath), TestContext.Current.CancellationToken),
                $"The template of {name} ({templatePath}) is out of date: {Regenerate}.");
        }
    }

    // Manifest paths are relative to the manifest, which is written elsewhere here: compare where they point.
    private static JsonObject Normalize(string manifestPath)
    {
        var resources = JsonNode.Parse(File.ReadAllText(manifestPath))!["resources"]!.AsObject();
        foreach (var (_, resource) in resources)
        {
            foreach (var field in new[] { "path", "workingDirectory" })
            {
                if (resource![field] is JsonValue relative)
                {
                    resource[field] = Path.GetFullPath(relative.GetValue<string>(), Path.GetDirectoryName(manifestPath)!);
                }
            }
        }

        return resources;
    }

    // The built AppHost, exactly as the documented command runs it (dotnet run builds it first; the test's build did).
    private static async Task PublishAppHostAsync(string output)
    {
        var (exitCode, printed) = await BuiltAppHost.RunToEndAsync(Path.Combine(RepositoryFiles.Root, "AppHost"), Configuration,
            ["--publisher", "manifest", "--output-path", output],
            new Dictionary<string, string?> { ["Publishing__Publisher"] = null, ["Pipeline__OutputPath"] = null, ["DOTNET_LAUNCH_PROFILE"] = null },
            TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, $"The AppHost failed to publish ({exitCode}):\n{printed}");
    }
}
