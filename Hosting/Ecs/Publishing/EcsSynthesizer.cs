using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Backend.Hosting.Ecs.Cdk;

namespace Backend.Hosting.Ecs.Publishing;

/// <summary>
/// Synthesizes the stack offline (no lookups, no assets, no bootstrap) and returns its template. The CDK's own
/// metadata (construct paths, version reporting) is switched off so that the same model gives the same bytes.
/// </summary>
internal static class EcsSynthesizer
{
    /// <summary>The template, and the CDK's warnings about the constructs (an error fails the publish).</summary>
    public static (JsonObject Template, IReadOnlyList<string> Warnings) Synthesize(EcsEnvironmentResource environment, EcsApplication application) => CdkRuntime.Run(output =>
    {
        var app = new App(new AppProps
        {
            Outdir = output,
            AnalyticsReporting = false,
            Context = new Dictionary<string, object>
            {
                ["aws:cdk:enable-path-metadata"] = false,
                ["aws:cdk:version-reporting"] = false,
                // A fixed launch template name would collide between two stacks of the account.
                ["@aws-cdk/aws-ec2:uniqueImdsv2TemplateName"] = true,
            },
        });
        EcsStack.Create(app, environment, application);
        var stack = app.Synth().GetStackByName(environment.StackName);
        var messages = stack.Messages.Select(m => (m.Level, Text: $"{m.Id}: {m.Entry.Data}")).ToList();
        if (messages.Where(m => m.Level == Amazon.CDK.CXAPI.SynthesisMessageLevel.ERROR).Select(m => m.Text).ToList() is { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"The CDK refused the stack:\n{string.Join("\n", errors)}");
        }

        var warnings = messages.Where(m => m.Level == Amazon.CDK.CXAPI.SynthesisMessageLevel.WARNING).Select(m => m.Text).ToList();
        return (JsonNode.Parse(File.ReadAllText(stack.TemplateFullPath))!.AsObject(), (IReadOnlyList<string>)warnings);
    });

    /// <summary>The stack's parameters in the AWS CLI's format: defaults, and what the deploy step fills in.</summary>
    public static JsonArray Parameters(EcsEnvironmentResource environment, JsonObject template)
    {
        var parameters = new JsonArray();
        foreach (var (name, parameter) in template["Parameters"]?.AsObject() ?? [])
        {
            var value = parameter!["Default"]?.GetValue<string>() ?? $"<{parameter["Description"]?.GetValue<string>() ?? name}>";
            parameters.Add(new JsonObject { ["ParameterKey"] = name, ["ParameterValue"] = value });
        }

        return parameters;
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Json) + "\n";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
