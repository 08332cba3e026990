using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Ec2;
using Aspire.Hosting.Lifecycle;

namespace Aspire.Hosting;

/// <summary>Adds EC2 instances, served locally by our EC2 stand-in, and places services on them.</summary>
public static class Ec2InstanceBuilderExtensions
{
    /// <summary>
    /// Adds an instance that services start and stop through the EC2 API. Locally it begins Stopped in our EC2
    /// stand-in (<c>AWS_ENDPOINT_URL_EC2</c> on referencing services); published, it is a CloudFormation template.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="instanceType">The instance type.</param>
    public static IResourceBuilder<Ec2InstanceResource> AddEc2Instance(this IDistributedApplicationBuilder builder, [ResourceName] string name, string instanceType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEventingSubscriber<Ec2StandIn>();
        return builder.AddResource(new Ec2InstanceResource(name, instanceType))
            .WithIconName("Server")
            .WithInitialState(new()
            {
                ResourceType = "EC2 instance",
                State = new(KnownResourceStates.Waiting, KnownResourceStateStyles.Info),
                Properties = [new("instance.type", instanceType)],
            })
            .WithInstanceCommands()
            .WithCloudFormationManifest();
    }

    /// <summary>
    /// Runs the service on <paramref name="instance"/>: locally it starts when the instance has booted and stops when
    /// it stops, as the worker of a real instance does.
    /// </summary>
    /// <param name="builder">The service.</param>
    /// <param name="instance">The instance.</param>
    public static IResourceBuilder<T> RunsOn<T>(this IResourceBuilder<T> builder, IResourceBuilder<Ec2InstanceResource> instance)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.Resource.AddWorkload(builder.Resource);
        return builder.WithExplicitStart().WithRelationship(instance.Resource, "RunsOn");
    }
}
