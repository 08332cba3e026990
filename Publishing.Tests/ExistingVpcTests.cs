using System.Text.Json.Nodes;

namespace Publishing.Tests;

/// <summary><c>Ecs:UseExistingVpc=true</c>: no VPC of its own, the VPC and subnets are parameters, the rest unchanged.</summary>
public sealed class ExistingVpcTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecs-existing-vpc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AnExistingVpcIsTakenFromParametersAndTheTemplateStaysValid()
    {
        var (exitCode, output) = await AppHostProcess.RunAsync(
            ["--operation", "publish", "--step", "publish", "--output-path", _directory, "--Ecs:UseExistingVpc=true"], TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, output);
        var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "aws", "canvas.template.json"), TestContext.Current.CancellationToken))!.AsObject();

        var types = template["Resources"]!.AsObject().Select(r => r.Value!["Type"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("AWS::EC2::VPC", types);
        Assert.DoesNotContain("AWS::EC2::NatGateway", types);
        Assert.Contains("AWS::ECS::Service", types);
        var parameters = template["Parameters"]!.AsObject();
        Assert.Equal("AWS::EC2::VPC::Id", parameters["VpcId"]!["Type"]!.GetValue<string>());
        Assert.Equal("List<AWS::EC2::Subnet::Id>", parameters["PrivateSubnetIds"]!["Type"]!.GetValue<string>());
        Assert.Equal("List<AWS::EC2::Subnet::Id>", parameters["PublicSubnetIds"]!["Type"]!.GetValue<string>());

        var errors = SpecValidator.Validate(await CloudFormationSpec.LoadAsync(TestContext.Current.CancellationToken), template);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
