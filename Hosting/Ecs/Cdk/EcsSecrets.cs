using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Aspire.Hosting.ApplicationModel;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// Each secret parameter of the model is a Secrets Manager secret the deploy step writes (<c>{stack}/{parameter}</c>) and
/// the stack receives by ARN as a parameter: the template holds neither the value nor a default.
/// </summary>
internal static partial class EcsSecrets
{
    public static void Add(StackContext context)
    {
        var parameters = context.Application.Services.SelectMany(s => s.Secrets).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var arn = new CfnParameter(context.Stack, ParameterName(parameter), new CfnParameterProps
            {
                Type = "String",
                AllowedPattern = "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$",
                Description = $"The ARN of the Secrets Manager secret holding '{parameter.Name}' ({SecretName(context.Environment, parameter)}).",
            });
            context.Secrets[parameter] = Secret.FromSecretCompleteArn(context.Stack, StackResourceId(parameter), arn.ValueAsString);
        }
    }

    /// <summary>The stack parameter holding the secret's ARN, e.g. <c>CanvasdbSecretArn</c>.</summary>
    public static string ParameterName(ParameterResource parameter) => StackResourceId(parameter) + "Arn";

    /// <summary>The secret's name in Secrets Manager.</summary>
    public static string SecretName(EcsEnvironmentResource environment, ParameterResource parameter) => $"{environment.StackName}/{parameter.Name}";

    private static string StackResourceId(ParameterResource parameter)
    {
        var id = StackResource.Id(NonAlphanumeric().Replace(parameter.Name, "-"));
        return id.EndsWith("Secret", StringComparison.Ordinal) ? id : id + "Secret";
    }

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NonAlphanumeric();
}
