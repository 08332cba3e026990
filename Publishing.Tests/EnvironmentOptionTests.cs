using System.Text.Json.Nodes;

namespace Publishing.Tests;

/// <summary>
/// The environment's options, published as the documented configuration sets them: <c>Ecs:UseExistingVpc=true</c> (no
/// VPC of its own, the VPC and subnets are parameters), <c>Ecs:Https=true</c> (443 with a certificate parameter),
/// <c>Ecs:UseExistingInstances=true</c> and <c>Ecs:ContainerInsights=true</c>.
/// </summary>
public sealed class EnvironmentOptionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecs-existing-vpc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AnExistingVpcIsTakenFromParametersAndTheTemplateStaysValid()
    {
        var template = await PublishAsync("--Ecs:UseExistingVpc=true");

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

    [Fact]
    public async Task HttpsServesTheCertificateOn443AndRedirects80()
    {
        var template = await PublishAsync("--Ecs:Https=true");

        var listeners = template["Resources"]!.AsObject().Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::ElasticLoadBalancingV2::Listener").Select(r => r.Value!["Properties"]!).ToList();
        var https = Assert.Single(listeners, l => l["Port"]!.GetValue<int>() == 443);
        Assert.Equal("""[{"CertificateArn":{"Ref":"CertificateArn"}}]""", https["Certificates"]!.ToJsonString());
        var redirect = Assert.Single(listeners, l => l["Port"]!.GetValue<int>() == 80);
        Assert.Equal("redirect", redirect["DefaultActions"]![0]!["Type"]!.GetValue<string>());
        Assert.StartsWith("https://", template["Outputs"]!["CanvasApiUrl"]!["Value"]!["Fn::Join"]![1]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var errors = SpecValidator.Validate(await CloudFormationSpec.LoadAsync(TestContext.Current.CancellationToken), template);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task AnExistingGpuInstanceIsGivenByIdAndStillTheOnlyOneTheOrchestratorMayStart()
    {
        var template = await PublishAsync("--Ecs:UseExistingInstances=true");

        var types = template["Resources"]!.AsObject().Select(r => r.Value!["Type"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("AWS::EC2::Instance", types);
        Assert.Equal("AWS::EC2::Instance::Id", template["Parameters"]!["GpuInstanceId"]!["Type"]!.GetValue<string>());
        Assert.Contains("""{"Ref":"GpuInstanceId"}]]}""", template.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("ec2:StartInstances", template.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(template["Outputs"]!["ClusterName"]);
        var errors = SpecValidator.Validate(await CloudFormationSpec.LoadAsync(TestContext.Current.CancellationToken), template);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task ContainerInsightsAreOffUnlessAskedFor()
    {
        var insights = await PublishAsync("--Ecs:ContainerInsights=true");
        // The default publish is the committed snapshot (PublishTests checks that it still is).
        var plain = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Snapshots, "aws", "canvas.template.json"), TestContext.Current.CancellationToken))!.AsObject();

        Assert.Equal("""[{"Name":"containerInsights","Value":"enabled"}]""", ClusterSettings(insights));
        Assert.Equal("""[{"Name":"containerInsights","Value":"disabled"}]""", ClusterSettings(plain));
    }

    private static string ClusterSettings(JsonObject template) =>
        Assert.Single(template["Resources"]!.AsObject(), r => r.Value!["Type"]!.GetValue<string>() == "AWS::ECS::Cluster").Value!["Properties"]!["ClusterSettings"]!.ToJsonString();

    private async Task<JsonObject> PublishAsync(string option)
    {
        var output = Path.Combine(_directory, option.Trim('-').Replace(':', '-').Replace('=', '-'));
        var (exitCode, log) = await AppHostProcess.RunAsync(["--operation", "publish", "--step", "publish", "--output-path", output, option], TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, log);
        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "aws", "canvas.template.json"), TestContext.Current.CancellationToken))!.AsObject();
    }
}
