using Amazon.CDK;
using Aspire.Hosting.ApplicationModel;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// Each plain (not secret) parameter of the model is a parameter of the stack, named after it
/// (<c>supabase-issuer</c> → <c>SupabaseIssuer</c>) and without a default: the deploy step passes the value the
/// AppHost has for it, so one template serves every deployment.
/// </summary>
internal static class EcsParameters
{
    public static void Add(StackContext context)
    {
        foreach (var parameter in context.Application.Services.SelectMany(s => s.Parameters).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            context.Parameters[parameter] = new CfnParameter(context.Stack, Name(parameter), new CfnParameterProps
            {
                Type = "String",
                MinLength = 1,
                Description = $"The value of parameter '{parameter.Name}' (Parameters:{parameter.Name} in the AppHost's configuration).",
            });
        }
    }

    public static string Name(ParameterResource parameter) => StackResource.Id(parameter.Name);
}
