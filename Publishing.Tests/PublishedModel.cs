using System.Text.RegularExpressions;
using Backend.Hosting.Aws;

[assembly: AssemblyFixture(typeof(Publishing.Tests.PublishedModel))]

namespace Publishing.Tests;

/// <summary>
/// The AppHost's application model in publish mode, read through Aspire.Hosting.Testing (nothing is started): what the
/// tests expect of the stack is derived from it, not written down a second time.
/// </summary>
public sealed partial class PublishedModel : IAsyncLifetime
{
    private IDistributedApplicationTestingBuilder? _builder;

    public IReadOnlyList<IResource> Resources => [.. _builder!.Resources];

    public IEnumerable<ProjectResource> Projects => Resources.OfType<ProjectResource>();

    public IEnumerable<T> All<T>() => Resources.OfType<T>();

    public async ValueTask InitializeAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "ecs-model-unused");
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
            ["--operation", "publish", "--step", "publish", "--output-path", output], TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }
    }

    /// <summary>The AWS resources a project references (<c>WithReference</c>).</summary>
    public static IEnumerable<AwsResource> AwsReferences(ProjectResource project) =>
        project.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource).OfType<AwsResource>().Distinct();

    /// <summary>The project's environment in publish mode, as Aspire's callbacks produce it.</summary>
    public static async Task<Dictionary<string, object>> EnvironmentAsync(ProjectResource project)
    {
        var values = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), project, values, TestContext.Current.CancellationToken);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return values;
    }

    /// <summary>The secret parameters behind a project's environment variables, by variable name.</summary>
    public static async Task<Dictionary<string, ParameterResource>> SecretsAsync(ProjectResource project) =>
        (await EnvironmentAsync(project))
            .Select(v => (v.Key, Parameter: v.Value switch
            {
                ParameterResource { Secret: true } p => p,
                ConnectionStringReference { Resource: ParameterResource p } => p,
                _ => null,
            }))
            .Where(v => v.Parameter is not null)
            .ToDictionary(v => v.Key, v => v.Parameter!);

    /// <summary>The path of the project's http health check (<c>WithHttpHealthCheck</c>'s key holds it).</summary>
    public static string? HealthCheckPath(ProjectResource project) =>
        project.Annotations.OfType<HealthCheckAnnotation>().Select(a => HealthKey().Match(a.Key)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault();

    [GeneratedRegex("^.+_https?_(/[^_]*)_200_check$")]
    private static partial Regex HealthKey();
}
