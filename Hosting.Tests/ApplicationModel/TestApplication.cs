using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.Tests.ApplicationModel;

/// <summary>Builders isolated from the machine: a temporary AppHost directory, and user secrets only when asked.</summary>
internal static class TestApplication
{
    public const string RepositoryRoot = "/repo";

    public static IDistributedApplicationBuilder CreateRunBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, AppHostDirectory = $"{RepositoryRoot}/AppHost" });

    public static IDistributedApplicationBuilder CreatePublishBuilder(params string[] args) =>
        CreateRunBuilder(["--publisher", "manifest", "--output-path", "../aspire-manifest.json", .. args]);

    /// <summary>Plays the local runner's part: endpoints, emulators and created AWS resources get concrete values.</summary>
    public static DistributedApplication BuildAndAllocate(this IDistributedApplicationBuilder builder)
    {
        var app = builder.Build();
        var context = app.Model.ExecutionContext;
        context.Telemetry.OtlpEndpoint = new Uri("http://127.0.0.1:4317");
        context.Aws.EmulatorEndpoints[AwsService.Sqs] = new Uri("http://127.0.0.1:4566");
        context.Aws.EmulatorEndpoints[AwsService.S3] = new Uri("http://127.0.0.1:4566");
        context.Aws.EmulatorEndpoints[AwsService.DynamoDb] = new Uri("http://127.0.0.1:4567");
        context.Aws.EmulatorEndpoints[AwsService.Ec2] = new Uri("http://127.0.0.1:4568");
        context.Aws.EmulatorCredentials = new AwsEmulatorCredentials("local", "local-secret");

        var nextPort = 41000;
        foreach (var resource in app.Model.Resources)
        {
            foreach (var endpoint in resource.GetEndpoints())
            {
                endpoint.AllocatedEndpoint = new AllocatedEndpoint("127.0.0.1", endpoint.Port ?? nextPort++);
            }

            switch (resource)
            {
                case SqsQueueResource queue:
                    queue.Allocation = new SqsQueueAllocation(
                        new Uri($"http://127.0.0.1:4566/000000000000/{queue.Name}"), $"arn:aws:sqs:us-east-1:000000000000:{queue.Name}",
                        queue.HasDeadLetterQueue ? new Uri($"http://127.0.0.1:4566/000000000000/{queue.Name}-dlq") : null,
                        queue.HasDeadLetterQueue ? $"arn:aws:sqs:us-east-1:000000000000:{queue.Name}-dlq" : null);
                    break;
                case DynamoDbTableResource table:
                    table.Allocation = new DynamoDbTableAllocation($"{table.Name}-a1b2");
                    break;
                case S3BucketResource bucket:
                    bucket.Allocation = new S3BucketAllocation($"{bucket.Name}-a1b2");
                    break;
                case Ec2InstanceResource instance:
                    instance.Allocation = new Ec2InstanceAllocation("i-0123456789abcdef0");
                    break;
            }
        }

        return app;
    }

    public static Task<ResolvedEnvironment> EnvironmentOf(this DistributedApplication app, string resourceName, int replica = 0)
    {
        var resource = app.Model[resourceName];
        return resource.GetEnvironmentVariablesAsync(
            app.Model.ExecutionContext, ReplicaInstance.For(resource, replica), TestContext.Current.CancellationToken);
    }

    /// <summary>The variables a reference added: everything except what every project gets anyway.</summary>
    public static Dictionary<string, string> ExceptProjectDefaults(this ResolvedEnvironment environment) =>
        environment.Where(v => !ProjectDefaults.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value);

    private static readonly HashSet<string> ProjectDefaults =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "HTTP_PORTS", "HTTPS_PORTS",
    ];
}

/// <summary>Stand-ins for the AppHost's generated Projects.* classes.</summary>
internal static class TestProjects
{
    public sealed class CanvasApi : IProjectMetadata
    {
        public string ProjectPath => $"{TestApplication.RepositoryRoot}/Canvas.Api/Canvas.Api.csproj";

        public string? TargetPath => $"{TestApplication.RepositoryRoot}/Canvas.Api/bin/Debug/net10.0/Canvas.Api.dll";
    }

    public sealed class Orchestrator : IProjectMetadata
    {
        public string ProjectPath => $"{TestApplication.RepositoryRoot}/Orchestrator/Orchestrator.csproj";

        public string? TargetPath => null;
    }

    public sealed class GpuWorker : IProjectMetadata
    {
        public string ProjectPath => $"{TestApplication.RepositoryRoot}/GpuWorker/GpuWorker.csproj";

        public string? TargetPath => null;
    }
}
