using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Backend.Hosting.Ecs.Publishing;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// A Fargate service per project (those not placed on an instance): private subnets, its own security group, Service
/// Connect in the cluster's namespace (servers by their resource name, so <c>http://orchestrator:8080</c> is what
/// <c>services__orchestrator__http__0</c> says), rolling deploys with circuit-breaker rollback, Spot as an option.
/// </summary>
internal static class FargateServices
{
    public static Dictionary<EcsService, FargateService> Add(StackContext context)
    {
        var services = new Dictionary<EcsService, FargateService>();
        var called = context.Application.Services.SelectMany(s => s.Calls).ToHashSet();
        foreach (var service in context.Application.Services.Where(s => s.Host is null))
        {
            var scope = new Construct(context.Stack, StackResource.Id(service.Name));
            var options = service.Options;
            var task = new FargateTaskDefinition(scope, "Task", new FargateTaskDefinitionProps
            {
                Cpu = options.Cpu,
                MemoryLimitMiB = options.MemoryMiB,
                TaskRole = EcsTask.TaskRole(scope, context, service),
                ExecutionRole = EcsTask.ExecutionRole(scope, service),
                RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.X86_64, OperatingSystemFamily = OperatingSystemFamily.LINUX },
            });
            EcsTask.AddContainers(scope, context, service, task);
            var serviceConnect = new ServiceConnectProps
            {
                Namespace = context.Cluster.DefaultCloudMapNamespace!.NamespaceArn,
                Services = called.Contains(service.Project) && service.Port is { } port
                    ? [new ServiceConnectService { PortMappingName = "http", DnsName = service.Name, Port = port }]
                    : null,
            };
            services[service] = new FargateService(scope, "Service", new FargateServiceProps
            {
                Cluster = context.Cluster,
                TaskDefinition = task,
                DesiredCount = options.DesiredCount,
                VpcSubnets = EcsNetwork.Private,
                SecurityGroups = [new SecurityGroup(scope, "SecurityGroup", new SecurityGroupProps
                {
                    Vpc = context.Vpc,
                    Description = $"{service.Name}: inbound only from what calls it",
                    AllowAllOutbound = true,
                })],
                MinHealthyPercent = 100,
                MaxHealthyPercent = 200,
                CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
                CapacityProviderStrategies = [new CapacityProviderStrategy { CapacityProvider = options.UseSpot ? "FARGATE_SPOT" : "FARGATE", Weight = 1 }],
                ServiceConnectConfiguration = serviceConnect,
                EnableExecuteCommand = false,
            });
        }

        // Only the callers reach a service, only on its port.
        foreach (var (caller, callerService) in services)
        {
            foreach (var callee in caller.Calls.Select(context.Application.Service))
            {
                services[callee].Connections.AllowFrom(callerService, Port.Tcp(callee.Port!.Value), $"from {caller.Name}");
            }
        }

        return services;
    }
}
