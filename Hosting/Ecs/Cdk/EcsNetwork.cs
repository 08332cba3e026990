using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// The VPC: a new one (two zones, public subnets for the load balancer, private ones for the tasks, one NAT gateway), or
/// an existing one whose id and subnets are stack parameters.
/// </summary>
internal static class EcsNetwork
{
    public static IVpc Create(Construct scope, bool existing)
    {
        if (!existing)
        {
            return new Vpc(scope, "Vpc", new VpcProps
            {
                MaxAzs = 2,
                // One NAT gateway (~$33/month) rather than one per zone: the tasks reach AWS APIs and ECR through it.
                NatGateways = 1,
                SubnetConfiguration =
                [
                    new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                    new SubnetConfiguration { Name = "private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                ],
            });
        }

        var vpcId = new CfnParameter(scope, "VpcId", new CfnParameterProps
        {
            Type = "AWS::EC2::VPC::Id",
            Description = "The existing VPC to deploy into.",
        });
        var publicSubnets = SubnetsParameter(scope, "PublicSubnetIds", "Two public subnets (two zones) for the load balancer.");
        var privateSubnets = SubnetsParameter(scope, "PrivateSubnetIds", "Two private subnets with a NAT route (two zones) for the tasks.");
        return Vpc.FromVpcAttributes(scope, "Vpc", new VpcAttributes
        {
            VpcId = vpcId.ValueAsString,
            AvailabilityZones = [Fn.Select(0, Fn.GetAzs()), Fn.Select(1, Fn.GetAzs())],
            PublicSubnetIds = Fn.Split(",", Fn.Join(",", publicSubnets.ValueAsList), 2),
            PrivateSubnetIds = Fn.Split(",", Fn.Join(",", privateSubnets.ValueAsList), 2),
        });
    }

    public static SubnetSelection Private { get; } = new() { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };

    private static CfnParameter SubnetsParameter(Construct scope, string name, string description) => new(scope, name, new CfnParameterProps
    {
        Type = "List<AWS::EC2::Subnet::Id>",
        Description = description,
    });
}
