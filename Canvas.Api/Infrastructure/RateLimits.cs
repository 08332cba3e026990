using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Canvas.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Infrastructure;

/// <summary>Per-user token buckets: one for every API call, a smaller one for calls that reach the orchestrator.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Calls a user may make in a burst, and how many come back per <see cref="Period"/>.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int PerPeriod { get; set; } = 50;

    /// <summary>The same for task calls (submit, list, get), each of which costs an orchestrator request.</summary>
    [Range(1, 1_000_000)]
    public int TaskBurst { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int TaskPerPeriod { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// One user cannot use up the API (or the orchestrator behind it, and the circuit breaker every user
/// shares) for the others: past a bucket, 429 ProblemDetails with Retry-After. Callers without a user
/// are not limited here; they get no further than the 401.
/// </summary>
internal static class RateLimits
{
    public const string TasksPolicy = "tasks";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PerUser(context, limits.Burst, limits.PerPeriod, limits.Period));
            limiter.AddPolicy(TasksPolicy, context => PerUser(context, limits.TaskBurst, limits.TaskPerPeriod, limits.Period));
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static RateLimitPartition<string> PerUser(HttpContext context, int burst, int perPeriod, TimeSpan period) =>
        context.User.FindFirst(CurrentUser.SubjectClaim)?.Value is { Length: > 0 } user
            ? RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "This user made more requests than allowed; retry after the time in Retry-After.",
            },
        }).ConfigureAwait(false);
    }
}
