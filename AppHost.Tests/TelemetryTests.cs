namespace AppHost.Tests;

/// <summary>The dashboard's trace list shows what users did, not what background loops polled.</summary>
[Collection(nameof(ApplicationUnderTest))]
public sealed class TelemetryTests(ApplicationUnderTest application)
{
    [Fact]
    public async Task AnIdleRunAddsNoTracesOfItsBackgroundPolls()
    {
        // The GPU controller polls every quarter second here, the outbox every second, the workers long-poll: ten
        // seconds hold dozens of polls, each of which used to be a one-span "POST" trace.
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var roots = await application.Telemetry.GetRootSpansAsync(TestContext.Current.CancellationToken);
        Assert.All(roots, span => Assert.True(span.Kind is "server" or "internal" or "consumer",
            $"{span.Service}: {span.Kind} {span.Name} {string.Join(", ", span.Attributes.Select(a => $"{a.Key}={a.Value}"))}"));
    }
}
