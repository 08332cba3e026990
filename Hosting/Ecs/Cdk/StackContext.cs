using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Ecs.Publishing;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>What every part of the stack shares: the network, the cluster, the resources, the secrets, the image tag.</summary>
internal sealed class StackContext(Stack stack, EcsEnvironmentResource environment, EcsApplication application, IVpc vpc, Cluster cluster)
{
    public Stack Stack { get; } = stack;

    public EcsEnvironmentResource Environment { get; } = environment;

    public EcsApplication Application { get; } = application;

    public IVpc Vpc { get; } = vpc;

    public Cluster Cluster { get; } = cluster;

    public Dictionary<AwsResource, StackResource> Resources { get; } = [];

    public Dictionary<ParameterResource, ISecret> Secrets { get; } = [];

    public Dictionary<ParameterResource, CfnParameter> Parameters { get; } = [];

    /// <summary>The tag of every service image; the deploy step sets it to the build it pushed.</summary>
    public CfnParameter ImageTag { get; } = new(stack, "ImageTag", new CfnParameterProps
    {
        Type = "String",
        Default = "latest",
        Description = "The tag of the services' images in their ECR repositories.",
    });

    /// <summary>How long service logs are kept.</summary>
    public static RetentionDays LogRetention => RetentionDays.ONE_MONTH;

    /// <summary>The ECR repository of a service's image, created by the deploy step before the stack.</summary>
    public IRepository Repository(EcsService service) =>
        Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(Stack, StackResource.Id(service.Name) + "Repository", RepositoryName(Environment, service.Name));

    public static string RepositoryName(EcsEnvironmentResource environment, string service) => $"{environment.StackName}/{service}";

    /// <summary>An environment value as the container sees it: text, or a token CloudFormation resolves.</summary>
    public string Value(EcsValue value) => value switch
    {
        EcsValue.Text text => text.Value,
        EcsValue.Output output => Resources[output.Resource].Output(output.Name),
        EcsValue.ServiceUrl url => $"http://{url.Service.Name}:{Application.Service(url.Service).Port}",
        EcsValue.Plain plain => Parameters[plain.Parameter].ValueAsString,
        _ => throw new InvalidOperationException($"{value} is not a plain value."),
    };
}
