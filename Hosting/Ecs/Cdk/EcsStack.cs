using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ServiceDiscovery;
using Backend.Hosting.DynamoDb;
using Backend.Hosting.Ec2;
using Backend.Hosting.Ecs.Publishing;
using Backend.Hosting.S3;
using Backend.Hosting.Sqs;
using Constructs;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>The whole application as one stack: network, cluster, AWS resources, secrets, services.</summary>
internal static class EcsStack
{
    public static Stack Create(Construct app, EcsEnvironmentResource environment, EcsApplication application)
    {
        var stack = new Stack(app, environment.StackName, new StackProps
        {
            StackName = environment.StackName,
            Description = $"The application of the Aspire AppHost, published by its ECS environment '{environment.Name}'.",
            AnalyticsReporting = false,
            // No bootstrap stack and no asset: images come from ECR, pushed by the deploy step.
            Synthesizer = new LegacyStackSynthesizer(),
        });
        var vpc = EcsNetwork.Create(stack, environment.UseExistingVpc);
        var cluster = new Cluster(stack, "Cluster", new ClusterProps
        {
            Vpc = vpc,
            ContainerInsights = environment.ContainerInsights,
            EnableFargateCapacityProviders = true,
            DefaultCloudMapNamespace = new CloudMapNamespaceOptions
            {
                Name = $"{environment.StackName}.internal",
                Type = NamespaceType.HTTP,
                UseForServiceConnect = true,
            },
        });
        var context = new StackContext(stack, environment, application, vpc, cluster);
        foreach (var resource in application.Resources)
        {
            context.Resources[resource] = resource switch
            {
                SqsQueueResource queue => new QueueResource(stack, queue),
                DynamoDbTableResource table => new TableResource(stack, table),
                S3BucketResource bucket => new BucketResource(stack, bucket),
                Ec2InstanceResource instance => new InstanceResource(stack, instance, context),
                _ => throw new InvalidOperationException($"The ECS environment does not know the AWS resource '{resource.Name}' ({resource.GetType().Name})."),
            };
        }

        EcsSecrets.Add(context);
        EcsParameters.Add(context);
        var services = FargateServices.Add(context);
        PublicEndpoints.Add(context, services);
        EcsScaling.Add(context, services);
        InstanceServices.Add(context);
        return stack;
    }
}
