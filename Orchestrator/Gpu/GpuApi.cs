using Amazon.Runtime;
using Backend.Orchestrator.Gpu;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>/api/gpu</c>: the controller's view for operators, and their start and stop. Commands answer 202:
/// they are recorded for the leading replica, which carries them out on its next poll (at once when it is this one).
/// </summary>
public static class GpuApi
{
    public const string Path = "/api/gpu";

    public static IEndpointRouteBuilder MapGpuApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("GPU").RequireAuthorization();

        group.MapGet("/", (GpuController controller) => TypedResults.Ok(controller.Status))
            .WithName("GetGpuStatus");

        group.MapPost("/start", (GpuController controller, CancellationToken cancellationToken) =>
                RequestAsync(controller, GpuCommand.Start, hold: null, cancellationToken))
            .WithName("StartGpu");

        // ?holdSeconds= how long queued work may not start the instance again (default Gpu:ManualStopHold; 0: a restart when work waits).
        group.MapPost("/stop", StopAsync).WithName("StopGpu");

        return app;
    }

    private static async Task<Results<Accepted<GpuStatus>, ProblemHttpResult, ValidationProblem>> StopAsync(
        GpuController controller, int? holdSeconds, CancellationToken cancellationToken) =>
        holdSeconds is < 0 or > 86_400
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["holdSeconds"] = ["holdSeconds must be between 0 and 86400."] })
            : await RequestAsync(controller, GpuCommand.Stop, holdSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, cancellationToken);

    private static async Task<Results<Accepted<GpuStatus>, ProblemHttpResult, ValidationProblem>> RequestAsync(
        GpuController controller, GpuCommand command, TimeSpan? hold, CancellationToken cancellationToken)
    {
        if (!controller.Status.Enabled)
        {
            return TypedResults.Problem("The GPU controller is disabled (Gpu:Enabled is false).", statusCode: StatusCodes.Status409Conflict);
        }
        try
        {
            return TypedResults.Accepted(Path, await controller.RequestAsync(command, hold, cancellationToken));
        }
        catch (AmazonServiceException exception)
        {
            return TypedResults.Problem($"The command could not be recorded in the task store: {exception.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
