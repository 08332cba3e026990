using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Backend.Hosting.Ecs.Publishing;
using Constructs;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// What a service's task holds, on Fargate or on the GPU instance: its own task role with exactly what its references
/// need, an execution role that pulls only its image, writes only its log group and reads only its secrets, the main
/// container (environment from the model, secrets from Secrets Manager, /alive health check) and the ADOT sidecar.
/// </summary>
internal static class EcsTask
{
    public static Role TaskRole(Construct scope, StackContext context, EcsService service)
    {
        var role = new Role(scope, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"{service.Name}: what its references need, nothing else.",
        });
        foreach (var statement in service.References.SelectMany(r => context.Resources[r].Permissions()))
        {
            role.AddToPolicy(statement);
        }

        Telemetry.Grant(role);
        return role;
    }

    // Pull, log and secret grants are added to it by the container definition below (the image's repository, the log
    // group, each secret): the role starts empty.
    public static Role ExecutionRole(Construct scope, EcsService service) => new(scope, "ExecutionRole", new RoleProps
    {
        AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
        Description = $"{service.Name}: pull its image, write its logs, read its secrets.",
    });

    public static ContainerDefinition AddContainers(
        Construct scope, StackContext context, EcsService service, TaskDefinition task, int? gpuCount = null, int? memoryReservationMiB = null)
    {
        var logGroup = new LogGroup(scope, "Logs", new LogGroupProps
        {
            LogGroupName = $"/ecs/{context.Environment.StackName}/{service.Name}",
            Retention = StackContext.LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        var environment = service.Variables.Where(v => v.Value is not EcsValue.Secret)
            .ToDictionary(v => v.Name, v => context.Value(v.Value));
        foreach (var (name, value) in Telemetry.Environment(service.Name))
        {
            environment[name] = value;
        }

        environment["AWS_REGION"] = Amazon.CDK.Aws.REGION;
        var main = task.AddContainer(service.Name, new ContainerDefinitionOptions
        {
            ContainerName = service.Name,
            Image = ContainerImage.FromEcrRepository(context.Repository(service), context.ImageTag.ValueAsString),
            Essential = true,
            GpuCount = gpuCount,
            MemoryReservationMiB = memoryReservationMiB,
            Environment = new SortedDictionary<string, string>(environment, StringComparer.Ordinal),
            Secrets = service.Variables.Where(v => v.Value is EcsValue.Secret)
                .ToDictionary(v => v.Name, v => EcsSecret.FromSecretsManager(context.Secrets[((EcsValue.Secret)v.Value).Parameter])),
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = service.Name }),
            PortMappings = service.Port is { } port
                ? [new PortMapping { Name = "http", ContainerPort = port, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP, AppProtocol = AppProtocol.Http }]
                : null,
            HealthCheck = service.Port is { } probePort ? LivenessCheck(probePort, service.Options.LivenessPath) : null,
        });
        Telemetry.AddCollector(task, LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = "otel-collector" }));
        return main;
    }

    // The .NET runtime images have bash but no curl or wget: bash's /dev/tcp makes the request, the status line decides.
    private static Amazon.CDK.AWS.ECS.HealthCheck LivenessCheck(int port, string path) => new()
    {
        Command = ["CMD", "bash", "-c",
            $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {path} HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"],
        Interval = Duration.Seconds(15),
        Timeout = Duration.Seconds(5),
        Retries = 3,
        StartPeriod = Duration.Seconds(30),
    };
}
