using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Tasks;

internal static class TasksSetup
{
    public static IHostApplicationBuilder AddTasks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrchestratorOptions>()
            .BindConfiguration(OrchestratorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddHttpClient<OrchestratorClient>((services, http) =>
            {
                var options = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
                http.BaseAddress = options.BaseAddress;
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            })
            // The defaults retry for up to 30 s; a user waiting on a submit is better served by a quick
            // 503 and Retry-After. Retried submits are safe: each carries the same Idempotency-Key.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(4);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsOrchestratorUnwell(args.Outcome));
            });

        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<TaskViews>();
        builder.Services.AddSingleton<SessionTaskCancellation>();
        return builder;
    }

    /// <summary>
    /// What the circuit breaker, which every user shares, counts as a failure: only what an unwell
    /// orchestrator gives whatever it is asked (no connection, no answer in time, or its own 502/503/504).
    /// A 500 or a 429 can follow from what one user sends or how much; counted, one user could open the
    /// circuit for all of them. Those still fail the user's own request (and are retried).
    /// </summary>
    internal static bool IsOrchestratorUnwell(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
