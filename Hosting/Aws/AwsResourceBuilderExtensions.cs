using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;

namespace Aspire.Hosting;

/// <summary>References to AWS resources and their manifest entries.</summary>
public static class AwsResourceBuilderExtensions
{
    /// <summary>The configuration section of resource outputs, as in Aspire.Hosting.AWS.</summary>
    public const string ConfigurationSection = "AWS__Resources";

    /// <summary>
    /// Passes the resource's outputs to <paramref name="builder"/> as <c>AWS__Resources__&lt;PhysicalName&gt;__&lt;Output&gt;</c>
    /// and, locally, the stand-in's <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_REGION</c> and credentials.
    /// </summary>
    /// <param name="builder">The service.</param>
    /// <param name="resource">The AWS resource it uses.</param>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<AwsResource> resource)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(resource);
        var target = resource.Resource;
        target.ReferencedBy.Add(builder.Resource);
        return builder.WithReferenceRelationship(target).WithEnvironment(context =>
        {
            foreach (var output in target.OutputNames)
            {
                context.EnvironmentVariables[$"{ConfigurationSection}__{target.PhysicalName}__{output}"] = new AwsResourceOutput(target, output);
            }
            if (context.ExecutionContext.IsRunMode)
            {
                // In AWS the task role and the platform's AWS_REGION do this; locally the stand-ins take any credentials.
                context.EnvironmentVariables[$"AWS_ENDPOINT_URL_{target.ServiceId}"] = target.LocalEndpoint;
                foreach (var (variable, value) in AwsEmulatorClients.RegionAndCredentials)
                {
                    context.EnvironmentVariables[variable] = value;
                }
            }
        });
    }

    /// <summary>
    /// Adds <paramref name="resource"/> as a child of its local stand-in <paramref name="emulator"/>: Waiting in the
    /// dashboard until <paramref name="provision"/>, run once the stand-in is ready, has created it there (see
    /// <see cref="AwsProvisioning"/>); published as a CloudFormation template.
    /// </summary>
    internal static IResourceBuilder<T> AddToStandIn<T, TEmulator>(this IResourceBuilder<TEmulator> emulator, T resource, string resourceType,
        string iconName, Func<IServiceProvider, CancellationToken, Task> provision, params ResourcePropertySnapshot[] properties)
        where T : AwsResource
        where TEmulator : IResource
    {
        emulator.OnResourceReady((_, @event, cancellationToken) => provision(@event.Services, cancellationToken));
        return emulator.ApplicationBuilder.AddResource(resource)
            .WithParentRelationship(emulator.Resource)
            .WithIconName(iconName)
            .WithInitialState(new()
            {
                ResourceType = resourceType,
                State = new(KnownResourceStates.Waiting, KnownResourceStateStyles.Info),
                Properties = [.. properties],
            })
            .WithCloudFormationManifest();
    }

    /// <summary>
    /// Writes the resource as an <c>aws.cloudformation.template.v0</c> entry (the type Aspire.Hosting.AWS uses), its
    /// template beside the manifest in <c>cloudformation/</c>, and the services that reference it.
    /// </summary>
    internal static IResourceBuilder<T> WithCloudFormationManifest<T>(this IResourceBuilder<T> builder) where T : AwsResource =>
        builder.WithManifestPublishingCallback(context =>
        {
            var resource = builder.Resource;
            var relativePath = $"cloudformation/{resource.PhysicalName}.template.json";
            var path = Path.Combine(Path.GetDirectoryName(context.ManifestPath)!, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, resource.CreateTemplate().ToJsonString(TemplateJson) + "\n");

            context.Writer.WriteString("type", "aws.cloudformation.template.v0");
            context.Writer.WriteString("stack-name", resource.Name);
            context.Writer.WriteString("template-path", relativePath);
            context.Writer.WriteStartArray("references");
            foreach (var user in resource.ReferencedBy)
            {
                context.Writer.WriteStartObject();
                context.Writer.WriteString("target-resource", user.Name);
                context.Writer.WriteEndObject();
            }
            context.Writer.WriteEndArray();
        });

    // Relaxed escaping: the templates are read by people (and diffed in review), not embedded in HTML.
    private static readonly JsonSerializerOptions TemplateJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
