using Microsoft.Extensions.Configuration;

namespace Backend.Hosting.Ecs.Deploy;

/// <summary>What a deploy needs beyond the model: region, image tag, dry run (configuration <c>Ecs:*</c>).</summary>
/// <param name="Region">The region; null to ask the AWS CLI's configuration.</param>
/// <param name="ImageTag">The tag the images are pushed under (ECR tags are immutable: a new one per deploy).</param>
/// <param name="TemplateFile">The template as deployed (minified: CloudFormation takes 51,200 bytes inline).</param>
/// <param name="DryRun">Print the commands, run nothing.</param>
internal sealed record EcsDeploySettings(string? Region, string ImageTag, string TemplateFile, bool DryRun)
{
    /// <summary>The ACM certificate of the public endpoint, when the environment serves HTTPS.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>The values of the stack's plain parameters (<see cref="EcsDeployPlan.ReadParametersAsync"/>).</summary>
    public IReadOnlyDictionary<Aspire.Hosting.ApplicationModel.ParameterResource, string> ParameterValues { get; init; } =
        new Dictionary<Aspire.Hosting.ApplicationModel.ParameterResource, string>();

    public static EcsDeploySettings From(IConfiguration configuration, string templateFile, TimeProvider time) => new(
        configuration["Ecs:Region"] ?? System.Environment.GetEnvironmentVariable("AWS_REGION") ?? System.Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"),
        configuration["Ecs:ImageTag"] ?? time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture),
        templateFile,
        IsDryRun(configuration))
    {
        CertificateArn = configuration["Ecs:CertificateArn"],
    };

    // `--dry-run` as the last argument has no value, which configuration ignores: look at the command line too.
    private static bool IsDryRun(IConfiguration configuration) =>
        configuration.GetValue<bool>("Ecs:DryRun") || configuration["dry-run"] is "true" || System.Environment.GetCommandLineArgs().Contains("--dry-run");
}
