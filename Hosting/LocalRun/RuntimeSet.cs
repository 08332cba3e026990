using Backend.Dashboard.Resources;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.LocalRun;

/// <summary>The runtime state of every resource shown in a local run, in declaration order; the dashboard's view of them.</summary>
internal sealed class RuntimeSet : IResourceSource
{
    private readonly Dictionary<IResource, ResourceRuntime> _byResource = [];
    private readonly List<ResourceRuntime> _ordered = [];

    public RuntimeSet(DistributedApplicationModel model)
    {
        foreach (var resource in model.Resources)
        {
            if (TypeOf(resource) is { } type)
            {
                var runtime = new ResourceRuntime(resource, type);
                runtime.Changed += () => Changed?.Invoke();
                _byResource[resource] = runtime;
                _ordered.Add(runtime);
            }
        }
    }

    public event Action? Changed;

    public IReadOnlyList<ResourceRuntime> All => _ordered;

    public IEnumerable<ResourceRuntime> Infrastructure => _ordered.Where(r => r.Resource is not (ProjectResource or ExecutableResource));

    public ResourceRuntime this[IResource resource] => _byResource[resource];

    public ResourceRuntime? Find(string name) => _ordered.FirstOrDefault(r => r.Resource.Name == name);

    public IReadOnlyList<ResourceSnapshot> GetResources() => [.. _ordered.Select(r => r.Snapshot())];

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName) => Find(resourceName)?.ConsoleLines() ?? [];

    // Parameters are values, not things that run: they are not shown.
    private static string? TypeOf(IResource resource) => resource switch
    {
        ProjectResource => "Project",
        ExecutableResource => "Executable",
        PostgresServerResource => "PostgreSQL",
        PostgresDatabaseResource => "PostgreSQL database",
        SqsQueueResource => "SQS queue",
        DynamoDbTableResource => "DynamoDB table",
        S3BucketResource => "S3 bucket",
        Ec2InstanceResource => "EC2 instance",
        _ => null,
    };
}
