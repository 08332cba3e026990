using Amazon.CDK.AWS.ECS;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// The services placed on an instance (<c>RunsOn</c>, the GPU worker): a daemon service of the cluster bound to that
/// container instance, with one GPU and its own task role. The instance joins the cluster when it boots, so starting it
/// (the orchestrator does) starts the worker, and stopping it stops the worker.
/// </summary>
internal static class InstanceServices
{
    public static void Add(StackContext context)
    {
        foreach (var service in context.Application.Services.Where(s => s.Host is not null))
        {
            var host = (InstanceResource)context.Resources[service.Host!];
            var scope = new Construct(context.Stack, StackResource.Id(service.Name));
            var task = new Ec2TaskDefinition(scope, "Task", new Ec2TaskDefinitionProps
            {
                // awsvpc: the worker and its ADOT sidecar share localhost, as on Fargate.
                NetworkMode = NetworkMode.AWS_VPC,
                TaskRole = EcsTask.TaskRole(scope, context, service),
                ExecutionRole = EcsTask.ExecutionRole(scope, service),
            });
            EcsTask.AddContainers(scope, context, service, task, gpuCount: 1, memoryReservationMiB: service.Options.MemoryMiB);
            _ = new Ec2Service(scope, "Service", new Ec2ServiceProps
            {
                Cluster = context.Cluster,
                TaskDefinition = task,
                Daemon = true,
                PlacementConstraints = [PlacementConstraint.MemberOf($"ec2InstanceId == {host.InstanceId}")],
                VpcSubnets = EcsNetwork.Private,
                SecurityGroups = [host.SecurityGroup],
                CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            });
        }
    }
}
