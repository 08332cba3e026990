using System.Diagnostics;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ecs.Publishing;

/// <summary>The <c>publish-{name}</c> step: the application model → <c>{stack}.template.json</c> + <c>{stack}.parameters.json</c>.</summary>
internal static partial class EcsPublisher
{
    public static async Task PublishAsync(PipelineStepContext context, EcsEnvironmentResource environment)
    {
        var stopwatch = Stopwatch.StartNew();
        var application = await EcsApplication.ReadAsync(context.Model, context.ExecutionContext, context.CancellationToken).ConfigureAwait(false);
        var (template, warnings) = EcsSynthesizer.Synthesize(environment, application);
        foreach (var warning in warnings)
        {
            Log.CdkWarning(context.Logger, warning);
        }

        var directory = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory(environment);
        Directory.CreateDirectory(directory);
        var templatePath = Path.Combine(directory, environment.TemplateFileName);
        await File.WriteAllTextAsync(templatePath, EcsSynthesizer.Serialize(template), context.CancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(directory, environment.ParametersFileName),
            EcsSynthesizer.Serialize(EcsSynthesizer.Parameters(environment, template)),
            context.CancellationToken).ConfigureAwait(false);
        Log.Published(context.Logger, environment.StackName, templatePath, template["Resources"]!.AsObject().Count, stopwatch.Elapsed.TotalSeconds);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Stack {Stack} written to {Path}: {Count} resources in {Seconds:F1} s")]
        public static partial void Published(ILogger logger, string stack, string path, int count, double seconds);

        [LoggerMessage(2, LogLevel.Warning, "CDK: {Message}")]
        public static partial void CdkWarning(ILogger logger, string message);
    }
}
