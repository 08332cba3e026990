using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceDefaults.Tests;

public sealed class DefaultEndpointsTests
{
    private sealed record HealthBody(string Status, Dictionary<string, string> Checks);

    [Fact]
    public async Task HealthAndAliveAnswerInProductionWithTheStatusOfEachCheck()
    {
        await using var service = await TestServiceHost.StartAsync(new Dictionary<string, string?>());

        var health = await service.Client.GetFromJsonAsync<HealthBody>("/health", TestContext.Current.CancellationToken);
        var alive = await service.Client.GetFromJsonAsync<HealthBody>("/alive", TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", health!.Status);
        Assert.Equal("Healthy", health.Checks["self"]);
        Assert.Equal("Healthy", alive!.Status);
    }

    [Fact]
    public async Task AnUnhealthyDependencyFailsReadinessButNotLiveness()
    {
        await using var service = await TestServiceHost.StartAsync(
            new Dictionary<string, string?>(),
            builder => builder.Services.AddHealthChecks().AddCheck("database", () =>
                HealthCheckResult.Unhealthy("password=hunter2 rejected")));

        var health = await service.Client.GetAsync("/health", TestContext.Current.CancellationToken);
        var alive = await service.Client.GetAsync("/alive", TestContext.Current.CancellationToken);
        var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"database\":\"Unhealthy\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task HealthEndpointsStayAnonymousWhenTheServiceRequiresAuthenticationEverywhere()
    {
        await using var service = await TestServiceHost.StartAsync(
            new Dictionary<string, string?>(),
            builder =>
            {
                builder.Services.AddAuthentication().AddCookie();
                builder.Services.AddAuthorizationBuilder()
                    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
            });

        var health = await service.Client.GetAsync("/health", TestContext.Current.CancellationToken);
        var alive = await service.Client.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task AnUnsupportedOtlpProtocolStopsStartupWithAMessageNamingTheVariable()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServiceHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json",
            }));

        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL", failure.Message, StringComparison.Ordinal);
    }
}
