using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads the physical names of AWS resources that the AppHost passes as
/// <c>AWS__Resources__&lt;resource&gt;__&lt;attribute&gt;</c> (for example
/// <c>AWS__Resources__gpu_tasks_queue__QueueUrl</c>), the Aspire.Hosting.AWS convention.
/// </summary>
public static class AwsResourceConfiguration
{
    /// <summary>The configuration section holding every referenced AWS resource.</summary>
    public const string SectionName = "AWS:Resources";

    /// <summary>The value of <paramref name="attribute"/> of <paramref name="resource"/>, or a clear error naming the variable to set.</summary>
    public static string GetAwsResource(this IConfiguration configuration, string resource, string attribute) =>
        configuration[$"{SectionName}:{resource}:{attribute}"] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"AWS resource '{resource}' has no {attribute}: set AWS__Resources__{resource}__{attribute} " +
                "(the AppHost sets it when the service references the resource).");
}
