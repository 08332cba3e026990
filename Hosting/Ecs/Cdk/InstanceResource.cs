using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Backend.Hosting.Ec2;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// The GPU instance (or, with <c>Ecs:UseExistingInstances=true</c>, an existing one given by id): the ECS-optimized GPU AMI, IMDSv2 required, joining the cluster as a container instance at boot, so
/// that the services placed on it (<c>RunsOn</c>) start when the orchestrator starts it. Its own role lets only the
/// ECS agent register and report; the workloads' permissions are their task roles'.
/// </summary>
internal sealed class InstanceResource : StackResource
{
    private const string GpuAmi = "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id";

    public InstanceResource(Construct scope, Ec2InstanceResource resource, StackContext context) : base(resource)
    {
        var id = Id(resource.Name);
        SecurityGroup = new SecurityGroup(scope, id + "SecurityGroup", new SecurityGroupProps
        {
            Vpc = context.Vpc,
            Description = $"{resource.Name}: no inbound traffic",
            AllowAllOutbound = true,
        });
        if (context.Environment.UseExistingInstances)
        {
            // The instance exists already; it must run the ECS agent with ECS_CLUSTER set to the ClusterName output.
            InstanceId = new CfnParameter(scope, id + "Id", new CfnParameterProps
            {
                Type = "AWS::EC2::Instance::Id",
                Description = $"The existing instance '{resource.Name}' (an ECS container instance of this stack's cluster, IMDSv2 required).",
            }).ValueAsString;
            _ = new CfnOutput(scope, "ClusterName", new CfnOutputProps { Value = context.Cluster.ClusterName, Description = "ECS_CLUSTER for the existing instances' ECS agent." });
            return;
        }

        InstanceId = Launch(scope, id, resource, context, SecurityGroup).InstanceId;
    }

    private static Instance_ Launch(Construct scope, string id, Ec2InstanceResource resource, StackContext context, SecurityGroup securityGroup)
    {
        var role = new Role(scope, id + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            Description = $"{resource.Name}: the ECS agent of the cluster, nothing else.",
        });
        var cluster = context.Cluster;
        var containerInstances = $"arn:{Amazon.CDK.Aws.PARTITION}:ecs:{Amazon.CDK.Aws.REGION}:{Amazon.CDK.Aws.ACCOUNT_ID}:container-instance/{cluster.ClusterName}/*";
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange", "ecs:SubmitAttachmentStateChanges"],
            Resources = [cluster.ClusterArn],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"],
            Resources = [containerInstances],
        }));
        // DiscoverPollEndpoint has no resource-level permissions: "*" is the narrowest AWS offers.
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["ecs:DiscoverPollEndpoint"], Resources = ["*"] }));

        var userData = UserData.ForLinux();
        userData.AddCommands(
            $"echo ECS_CLUSTER={cluster.ClusterName} >> /etc/ecs/ecs.config",
            "echo ECS_ENABLE_GPU_SUPPORT=true >> /etc/ecs/ecs.config",
            "echo ECS_ENABLE_TASK_IAM_ROLE=true >> /etc/ecs/ecs.config");
        var instance = new Instance_(scope, id, new InstanceProps
        {
            Vpc = context.Vpc,
            VpcSubnets = EcsNetwork.Private,
            InstanceType = new InstanceType(resource.InstanceType),
            // Resolved by EC2 at launch: the template names the public parameter, never a region's AMI id.
            MachineImage = MachineImage.ResolveSsmParameterAtLaunch(GpuAmi),
            // IMDSv2 only: a token-less metadata request (the SSRF path to the instance role's credentials) is refused.
            RequireImdsv2 = true,
            Role = role,
            SecurityGroup = securityGroup,
            UserData = userData,
            BlockDevices = [new BlockDevice { DeviceName = "/dev/xvda", Volume = BlockDeviceVolume.Ebs(100, new EbsDeviceOptions { VolumeType = EbsDeviceVolumeType.GP3, Encrypted = true }) }],
        });
        Amazon.CDK.Tags.Of(instance).Add("Name", $"{context.Environment.StackName}-{resource.Name}");
        return instance;
    }

    public SecurityGroup SecurityGroup { get; }

    public string InstanceId { get; }

    public override string Output(string name) => name == "InstanceId" ? InstanceId : throw UnknownOutput(name);

    // Start and stop this instance only; DescribeInstances cannot be narrowed to one instance.
    public override IEnumerable<PolicyStatement> Permissions() =>
    [
        Allow(["ec2:StartInstances", "ec2:StopInstances"], $"arn:{Amazon.CDK.Aws.PARTITION}:ec2:{Amazon.CDK.Aws.REGION}:{Amazon.CDK.Aws.ACCOUNT_ID}:instance/{InstanceId}"),
        Allow(["ec2:DescribeInstances"], "*"),
    ];
}
