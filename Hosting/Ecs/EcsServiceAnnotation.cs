using Aspire.Hosting.ApplicationModel;

namespace Backend.Hosting.Ecs;

/// <summary>The ECS options of a service, from <c>PublishAsEcsService</c>.</summary>
internal sealed class EcsServiceAnnotation(Action<EcsServiceOptions> configure) : IResourceAnnotation
{
    public Action<EcsServiceOptions> Configure { get; } = configure;

    public static EcsServiceOptions OptionsOf(IResource resource)
    {
        var options = new EcsServiceOptions();
        foreach (var annotation in resource.Annotations.OfType<EcsServiceAnnotation>())
        {
            annotation.Configure(options);
        }

        return options;
    }
}
