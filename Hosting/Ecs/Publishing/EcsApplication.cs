using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Ec2;

namespace Backend.Hosting.Ecs.Publishing;

/// <summary>The application as the stack sees it: its services and AWS resources, read from the model.</summary>
/// <param name="Services">The projects, in model order.</param>
/// <param name="Resources">The AWS resources, in model order.</param>
internal sealed partial record EcsApplication(IReadOnlyList<EcsService> Services, IReadOnlyList<AwsResource> Resources)
{
    public static async Task<EcsApplication> ReadAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var instances = model.Resources.OfType<Ec2InstanceResource>().ToList();
        var services = new List<EcsService>();
        foreach (var project in model.GetComputeResources().OfType<ProjectResource>())
        {
            var http = project.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == "http");
            var variables = await EcsEnvironmentReader.ReadAsync(project, executionContext, cancellationToken).ConfigureAwait(false);
            services.Add(new EcsService(
                project,
                project.GetProjectMetadata().ProjectPath,
                http is null ? null : http.TargetPort ?? http.Port,
                http?.IsExternal ?? false,
                HealthPath(project),
                EcsServiceAnnotation.OptionsOf(project),
                variables,
                instances.FirstOrDefault(i => i.Workloads.Contains(project))));
        }

        return new EcsApplication(services, [.. model.Resources.OfType<AwsResource>()]);
    }

    public EcsService Service(ProjectResource project) => Services.Single(s => s.Project == project);

    // WithHttpHealthCheck registers its check under "{resource}_{endpoint}_{path}_{status}_check" and keeps the path
    // nowhere else: the key is the model's only record of it. In publish mode the check is on the https endpoint Aspire
    // adds; in ECS the load balancer checks the same path over http.
    private static string? HealthPath(ProjectResource project) =>
        project.Annotations.OfType<HealthCheckAnnotation>()
            .Select(a => HealthCheckKey().Match(a.Key))
            .Where(m => m.Success && m.Groups["resource"].Value == project.Name && m.Groups["endpoint"].Value is "http" or "https")
            .Select(m => m.Groups["path"].Value)
            .FirstOrDefault();

    [GeneratedRegex("^(?<resource>.+)_(?<endpoint>[^_]+)_(?<path>/[^_]*)_(?<status>[0-9]{3})_check$")]
    private static partial Regex HealthCheckKey();
}
