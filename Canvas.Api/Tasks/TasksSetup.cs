using System.Net.Http.Headers;
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
            });

        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<TaskViews>();
        builder.Services.AddSingleton<SessionTaskCancellation>();
        return builder;
    }
}
