using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Ecs;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Publishes and deploys the application to Amazon ECS (Fargate, plus the GPU instance) with the AWS CDK.</summary>
public static class EcsEnvironmentBuilderExtensions
{
    /// <summary>
    /// Adds an ECS compute environment: in publish mode its steps write one CloudFormation stack for the whole
    /// application (<c>publish-{name}</c>), deploy it (<c>deploy-{name}</c>) and delete it (<c>destroy-{name}</c>).
    /// In run mode it is not part of the model.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, which names the steps.</param>
    /// <param name="stackName">The CloudFormation stack's name (configuration <c>Ecs:StackName</c> overrides it).</param>
    /// <remarks>Configuration <c>Ecs:UseExistingVpc=true</c> does what <see cref="WithExistingVpc"/> does, <c>Ecs:Https=true</c> what <see cref="WithHttps"/> does,
    /// <c>Ecs:ContainerInsights=true</c> what <see cref="WithContainerInsights"/> does;
    /// <c>Ecs:UseExistingInstances=true</c> takes the model's EC2 instances as existing ones (their ids are stack parameters).</remarks>
    public static IResourceBuilder<EcsEnvironmentResource> AddEcsEnvironment(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string stackName = "canvas")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var environment = new EcsEnvironmentResource(name, builder.Configuration["Ecs:StackName"] ?? stackName)
        {
            UseExistingVpc = builder.Configuration.GetValue<bool>("Ecs:UseExistingVpc"),
            UseHttps = builder.Configuration.GetValue<bool>("Ecs:Https"),
            UseExistingInstances = builder.Configuration.GetValue<bool>("Ecs:UseExistingInstances"),
            ContainerInsights = builder.Configuration.GetValue<bool>("Ecs:ContainerInsights"),
        };
        return builder.ExecutionContext.IsRunMode
            ? builder.CreateResourceBuilder(environment)
            : builder.AddResource(environment).ExcludeFromManifest();
    }

    /// <summary>Sets how the service runs on ECS (task size, count, Spot, autoscaling). No effect locally.</summary>
    /// <param name="builder">The service.</param>
    /// <param name="configure">Changes the defaults.</param>
    public static IResourceBuilder<T> PublishAsEcsService<T>(this IResourceBuilder<T> builder, Action<EcsServiceOptions> configure)
        where T : ProjectResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.WithAnnotation(new EcsServiceAnnotation(configure));
    }

    /// <summary>
    /// Deploys into an existing VPC instead of creating one: the stack then takes <c>VpcId</c>,
    /// <c>PublicSubnetIds</c> and <c>PrivateSubnetIds</c> (two of each, in two availability zones) as parameters.
    /// </summary>
    /// <param name="builder">The environment.</param>
    public static IResourceBuilder<EcsEnvironmentResource> WithExistingVpc(this IResourceBuilder<EcsEnvironmentResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.UseExistingVpc = true;
        return builder;
    }

    /// <summary>
    /// Serves the public endpoint over HTTPS: a 443 listener with the ACM certificate given as the stack's
    /// <c>CertificateArn</c> parameter (the deploy step passes <c>Ecs:CertificateArn</c>), port 80 redirecting to it.
    /// </summary>
    /// <param name="builder">The environment.</param>
    public static IResourceBuilder<EcsEnvironmentResource> WithHttps(this IResourceBuilder<EcsEnvironmentResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.UseHttps = true;
        return builder;
    }

    /// <summary>Turns on CloudWatch Container Insights for the cluster (billed per metric).</summary>
    /// <param name="builder">The environment.</param>
    public static IResourceBuilder<EcsEnvironmentResource> WithContainerInsights(this IResourceBuilder<EcsEnvironmentResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.ContainerInsights = true;
        return builder;
    }
}
