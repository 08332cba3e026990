using System.Text.Json.Nodes;
using Aspire.Hosting.Pipelines;
using Backend.Hosting.Ecs.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ecs.Deploy;

/// <summary>The <c>deploy-{name}</c> and <c>destroy-{name}</c> steps.</summary>
internal static partial class EcsDeployer
{
    private const int InlineTemplateLimit = 51_200;

    public static async Task DeployAsync(PipelineStepContext context, EcsEnvironmentResource environment)
    {
        var outputs = context.Services.GetRequiredService<IPipelineOutputService>();
        var published = Path.Combine(outputs.GetOutputDirectory(environment), environment.TemplateFileName);
        var template = JsonNode.Parse(await File.ReadAllTextAsync(published, context.CancellationToken).ConfigureAwait(false))!.ToJsonString();
        if (template.Length > InlineTemplateLimit)
        {
            throw new InvalidOperationException($"The template is {template.Length} bytes minified; CloudFormation takes {InlineTemplateLimit} inline (an S3 upload is not implemented).");
        }

        var application = await EcsApplication.ReadAsync(context.Model, context.ExecutionContext, context.CancellationToken).ConfigureAwait(false);
        var parameterValues = await EcsDeployPlan.ReadParametersAsync(application, context.CancellationToken).ConfigureAwait(false);

        var deployed = Path.Combine(outputs.GetTempDirectory(environment), $"{environment.StackName}.deploy.json");
        Directory.CreateDirectory(Path.GetDirectoryName(deployed)!);
        await File.WriteAllTextAsync(deployed, template, context.CancellationToken).ConfigureAwait(false);
        var settings = EcsDeploySettings.From(context.Services.GetRequiredService<IConfiguration>(), deployed, TimeProvider.System) with
        {
            ParameterValues = parameterValues,
        };
        var runner = new EcsCommandRunner(context.Logger, settings.DryRun, Console.Out);
        if (settings.DryRun)
        {
            await Console.Out.WriteLineAsync($"# deploy-{environment.Name} --dry-run: the commands it would run, none run").ConfigureAwait(false);
        }

        try
        {
            await runner.RunAsync(EcsDeployPlan.Deploy(environment, application, settings), context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The minified copy is only for `aws cloudformation deploy`; the published template stays in the output.
            File.Delete(deployed);
            if (!Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(deployed)!).Any())
            {
                Directory.Delete(Path.GetDirectoryName(deployed)!);
            }
        }
        foreach (var service in application.Services.Where(s => s.IsExternal))
        {
            var url = runner.Variable(EcsDeployPlan.UrlVariable(service));
            if (settings.DryRun)
            {
                await Console.Out.WriteLineAsync($"echo \"{service.Name}: {url}\"").ConfigureAwait(false);
            }
            else
            {
                Log.Deployed(context.Logger, service.Name, url);
                context.Summary.Add(service.Name, url);
            }
        }
    }

    public static async Task DestroyAsync(PipelineStepContext context, EcsEnvironmentResource environment)
    {
        var settings = EcsDeploySettings.From(context.Services.GetRequiredService<IConfiguration>(), "", TimeProvider.System);
        var runner = new EcsCommandRunner(context.Logger, settings.DryRun, Console.Out);
        if (settings.DryRun)
        {
            await Console.Out.WriteLineAsync($"# destroy-{environment.Name} --dry-run: the commands it would run, none run").ConfigureAwait(false);
        }

        await runner.RunAsync(EcsDeployPlan.Destroy(environment, settings.Region), context.CancellationToken).ConfigureAwait(false);
        Log.Destroyed(context.Logger, environment.StackName);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Service} is deployed at {Url}")]
        public static partial void Deployed(ILogger logger, string service, string url);

        [LoggerMessage(2, LogLevel.Information, "Stack {Stack} deleted; its table and bucket are kept (RemovalPolicy Retain), as are the ECR repositories and secrets")]
        public static partial void Destroyed(ILogger logger, string stack);
    }
}
