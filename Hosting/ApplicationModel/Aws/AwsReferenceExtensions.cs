using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting;

/// <summary>
/// The configuration contract of AWS references: Aspire.Hosting.AWS's <c>AWS__Resources__*</c> keys plus the AWS SDK's own
/// variables, so services configure their clients the standard way whether they talk to AWS or to an emulator.
/// </summary>
public static class AwsReferenceExtensions
{
    /// <summary>
    /// Passes an AWS resource's outputs as <c>AWS__Resources__&lt;name&gt;__&lt;output&gt;</c> and the region as
    /// <c>AWS_REGION</c>; in run mode also that service's emulator endpoint and the emulator credentials.
    /// </summary>
    /// <param name="builder">The process.</param>
    /// <param name="source">The AWS resource.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IAwsResource> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(source);
        var resource = source.Resource;
        return builder.WithReferenceTo(resource, context =>
        {
            var variables = context.EnvironmentVariables;
            foreach (var output in resource.Outputs)
            {
                variables[$"AWS__Resources__{resource.Name}__{output.Name}"] = output;
            }

            var aws = context.ExecutionContext.Aws;
            variables["AWS_REGION"] = aws.Region;
            if (context.ExecutionContext.IsPublishMode)
            {
                return; // Deployed, the SDK uses the real endpoints and the task role's credentials.
            }

            variables[AwsSettings.EndpointVariable(resource.Service)] = aws.EmulatorEndpoints.TryGetValue(resource.Service, out var endpoint)
                ? endpoint.ToString().TrimEnd('/')
                : throw new InvalidOperationException(
                    $"No {resource.Service} emulator is known for {resource}: the local runner records it when it starts the emulator.");
            var credentials = aws.EmulatorCredentials ?? throw new InvalidOperationException(
                $"No emulator credentials are known for {resource}: the local runner records them when it starts the emulators.");
            variables["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
            variables["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        });
    }
}
