using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Ecs.Cdk;
using Backend.Hosting.Ecs.Publishing;

namespace Backend.Hosting.Ecs.Deploy;

/// <summary>
/// The commands that deploy the published stack: images built by the SDK's container support straight into ECR (no
/// Docker), secrets written to Secrets Manager from the parameters' values (on standard input, never an argument), then
/// <c>aws cloudformation deploy</c>, which creates or updates the stack through a change set and waits for it.
/// </summary>
internal static class EcsDeployPlan
{
    public static IEnumerable<EcsCommand> Deploy(EcsEnvironmentResource environment, EcsApplication application, EcsDeploySettings settings)
    {
        var region = settings.Region ?? "$REGION";
        yield return new EcsCommand("aws", "sts", "get-caller-identity", "--query", "Account", "--output", "text") { Capture = "ACCOUNT" };
        if (settings.Region is null)
        {
            yield return new EcsCommand("aws", "configure", "get", "region") { Capture = "REGION" };
        }

        yield return new EcsCommand("aws", "ecr", "get-login-password", "--region", region) { Capture = "ECR_PASSWORD", CaptureIsSecret = true };
        var registry = $"$ACCOUNT.dkr.ecr.{region}.amazonaws.com";
        foreach (var service in application.Services)
        {
            var repository = StackContext.RepositoryName(environment, service.Name);
            yield return new EcsCommand("aws", "ecr", "describe-repositories", "--region", region, "--repository-names", repository, "--output", "text")
            {
                OnFailure = new EcsCommand("aws", "ecr", "create-repository", "--region", region, "--repository-name", repository,
                    "--image-tag-mutability", "IMMUTABLE", "--image-scanning-configuration", "scanOnPush=true", "--output", "text"),
            };
            yield return new EcsCommand("dotnet", "publish", service.ProjectPath, "-c", "Release", "-t:PublishContainer", "--os", "linux", "--arch", "x64",
                $"-p:ContainerRegistry={registry}", $"-p:ContainerRepository={repository}", $"-p:ContainerImageTag={settings.ImageTag}")
            {
                // The SDK's container tooling reads registry credentials from these (ECR: user AWS, a 12-hour token).
                Environment = new Dictionary<string, string> { ["DOTNET_CONTAINER_REGISTRY_UNAME"] = "AWS", ["DOTNET_CONTAINER_REGISTRY_PWORD"] = "$ECR_PASSWORD" },
            };
        }

        var overrides = new List<string> { $"ImageTag={settings.ImageTag}" };
        if (environment.UseHttps)
        {
            overrides.Add($"CertificateArn={settings.CertificateArn ?? throw new InvalidOperationException("HTTPS needs the certificate: --Ecs:CertificateArn=arn:aws:acm:…")}");
        }

        foreach (var parameter in application.Services.SelectMany(s => s.Secrets).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var name = EcsSecrets.SecretName(environment, parameter);
            var variable = $"{new string([.. parameter.Name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')])}_SECRET_ARN";
            var value = Value(parameter);
            yield return new EcsCommand("aws", "secretsmanager", "create-secret", "--region", region, "--name", name, "--secret-string", "file:///dev/stdin", "--output", "text")
            {
                Input = value,
                InputDescription = $"<the value of parameter {parameter.Name}>",
                OnFailure = new EcsCommand("aws", "secretsmanager", "put-secret-value", "--region", region, "--secret-id", name, "--secret-string", "file:///dev/stdin", "--output", "text")
                {
                    Input = value,
                    InputDescription = $"<the value of parameter {parameter.Name}>",
                },
            };
            yield return new EcsCommand("aws", "secretsmanager", "describe-secret", "--region", region, "--secret-id", name, "--query", "ARN", "--output", "text") { Capture = variable };
            overrides.Add($"{EcsSecrets.ParameterName(parameter)}=${variable}");
        }

        foreach (var parameter in application.Services.SelectMany(s => s.Parameters).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            overrides.Add($"{EcsParameters.Name(parameter)}={settings.ParameterValues[parameter]}");
        }

        yield return new EcsCommand(
            "aws", ["cloudformation", "deploy", "--region", region, "--stack-name", environment.StackName, "--template-file", settings.TemplateFile,
            "--capabilities", "CAPABILITY_IAM", "--no-fail-on-empty-changeset", "--parameter-overrides", .. overrides]);
        foreach (var service in application.Services.Where(s => s.IsExternal))
        {
            yield return new EcsCommand("aws", "cloudformation", "describe-stacks", "--region", region, "--stack-name", environment.StackName,
                "--query", $"Stacks[0].Outputs[?OutputKey=='{StackResource.Id(service.Name)}Url'].OutputValue", "--output", "text") { Capture = UrlVariable(service) };
        }
    }

    /// <summary>Deletes the stack and waits. The table and the bucket are kept (their data outlives the stack).</summary>
    public static IEnumerable<EcsCommand> Destroy(EcsEnvironmentResource environment, string? region)
    {
        var regionArguments = region is null ? Array.Empty<string>() : ["--region", region];
        yield return new EcsCommand("aws", ["cloudformation", "delete-stack", .. regionArguments, "--stack-name", environment.StackName]);
        yield return new EcsCommand("aws", ["cloudformation", "wait", "stack-delete-complete", .. regionArguments, "--stack-name", environment.StackName]);
    }

    public static string UrlVariable(EcsService service) => new([.. service.Name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'), .. "_URL"]);

    /// <summary>
    /// The values of the stack's plain parameters, read before anything runs: they have no default in the template, so
    /// a deploy without one could only fail halfway.
    /// </summary>
    public static async Task<IReadOnlyDictionary<ParameterResource, string>> ReadParametersAsync(EcsApplication application, CancellationToken cancellationToken)
    {
        var values = new Dictionary<ParameterResource, string>();
        foreach (var parameter in application.Services.SelectMany(s => s.Parameters).Distinct())
        {
            var value = await Value(parameter)(cancellationToken).ConfigureAwait(false);
            values[parameter] = string.IsNullOrEmpty(value)
                ? throw new InvalidOperationException(
                    $"Deploying needs parameter '{parameter.Name}': set Parameters:{parameter.Name} (user secrets, appsettings, or --Parameters:{parameter.Name}=…).")
                : value;
        }
        return values;
    }

    // A parameter without a value (none configured) leaves the secret as it is in Secrets Manager.
    private static Func<CancellationToken, Task<string?>> Value(ParameterResource parameter) => async cancellationToken =>
    {
        try
        {
            return await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Aspire.Hosting.MissingParameterValueException)
        {
            return null;
        }
    };
}
