using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Backend.Hosting.Ecs.Deploy;
using Backend.Hosting.Ecs.Publishing;

namespace Backend.Hosting.Ecs;

/// <summary>
/// Amazon ECS as Aspire's compute environment: every project becomes an ECS service (Fargate, or the GPU instance it
/// <c>RunsOn</c>) and every AWS resource a part of one CloudFormation stack, synthesized offline with the AWS CDK.
/// Its steps never depend on Aspire's <c>build</c>/<c>push</c> steps: publishing needs no Docker, network or account.
/// </summary>
public sealed class EcsEnvironmentResource : Resource, IComputeEnvironmentResource
{
    /// <param name="name">The resource name; the steps are <c>publish-{name}</c>, <c>deploy-{name}</c>, <c>destroy-{name}</c>.</param>
    /// <param name="stackName">The CloudFormation stack's name.</param>
    public EcsEnvironmentResource(string name, string stackName) : base(name)
    {
        ArgumentException.ThrowIfNullOrEmpty(stackName);
        StackName = stackName;
        Annotations.Add(new PipelineStepAnnotation(_ => Steps()));
    }

    /// <summary>The CloudFormation stack's name; it also prefixes the ECR repositories and secrets.</summary>
    public string StackName { get; }

    /// <summary>Whether the stack goes into an existing VPC given as parameters.</summary>
    public bool UseExistingVpc { get; internal set; }

    /// <summary>Whether the EC2 instances of the model are existing ones, given by id as stack parameters.</summary>
    public bool UseExistingInstances { get; internal set; }

    /// <summary>Whether the load balancer serves HTTPS (443, an ACM certificate as the <c>CertificateArn</c> parameter).</summary>
    public bool UseHttps { get; internal set; }

    /// <summary>Whether the cluster has Container Insights.</summary>
    public bool ContainerInsights { get; internal set; }

    /// <summary>The published template's file name.</summary>
    public string TemplateFileName => $"{StackName}.template.json";

    /// <summary>The published parameters file's name (AWS CLI format).</summary>
    public string ParametersFileName => $"{StackName}.parameters.json";

    private IEnumerable<PipelineStep> Steps()
    {
        var publish = new PipelineStep
        {
            Name = $"publish-{Name}",
            Description = $"Writes the CloudFormation stack {StackName} for the whole application (AWS CDK, offline).",
            Action = context => EcsPublisher.PublishAsync(context, this),
        };
        publish.RequiredBy(WellKnownPipelineSteps.Publish);

        var deploy = new PipelineStep
        {
            Name = $"deploy-{Name}",
            Description = $"Pushes the services' images to ECR and creates or updates the stack {StackName}.",
            Action = context => EcsDeployer.DeployAsync(context, this),
        };
        deploy.DependsOn(publish);
        deploy.RequiredBy(WellKnownPipelineSteps.Deploy);

        var destroy = new PipelineStep
        {
            Name = $"destroy-{Name}",
            Description = $"Deletes the stack {StackName}.",
            Action = context => EcsDeployer.DestroyAsync(context, this),
        };
        destroy.RequiredBy(WellKnownPipelineSteps.Destroy);
        return [publish, deploy, destroy];
    }
}
