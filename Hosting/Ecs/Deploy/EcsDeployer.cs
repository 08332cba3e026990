using Aspire.Hosting.Pipelines;

namespace Backend.Hosting.Ecs.Deploy;

/// <summary>The <c>deploy-{name}</c> and <c>destroy-{name}</c> steps.</summary>
internal static class EcsDeployer
{
    public static Task DeployAsync(PipelineStepContext context, EcsEnvironmentResource environment) =>
        throw new NotSupportedException($"deploy-{environment.Name} is not implemented yet.");

    public static Task DestroyAsync(PipelineStepContext context, EcsEnvironmentResource environment) =>
        throw new NotSupportedException($"destroy-{environment.Name} is not implemented yet.");
}
