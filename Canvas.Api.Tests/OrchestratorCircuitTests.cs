using Backend.Hosting.Testing;
using Canvas.Api.Tasks;
using Canvas.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Canvas.Api.Tests;

/// <summary>
/// The circuit breaker in front of the orchestrator is shared by every user: it must open when the
/// orchestrator is unwell, and not because one user's requests fail.
/// </summary>
public sealed class OrchestratorCircuitTests(LocalDependenciesFixture dependencies)
{
    [Fact]
    public async Task OneUsersFailingRequestsDoNotOpenTheCircuitForEveryoneElse()
    {
        await using var orchestrator = await StubOrchestrator.StartAsync();
        await using var api = new StubOrchestratorCanvasApiFactory(dependencies, orchestrator);
        await api.InitializeAsync();
        var client = api.Services.GetRequiredService<OrchestratorClient>();

        // 50 reads the orchestrator answers with 500, each tried 3 times: 150 failures in the breaker's window.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Assert.ThrowsAsync<OrchestratorUnavailableException>(() => client.GetAsync(StubOrchestrator.PoisonId, CancellationToken.None))));

        Assert.Null(await client.GetAsync("another-users-task", CancellationToken.None));
    }

    [Fact]
    public async Task AnOrchestratorThatIsUnavailableOpensTheCircuitSoCallsFailFast()
    {
        await using var orchestrator = await StubOrchestrator.StartAsync();
        await using var api = new StubOrchestratorCanvasApiFactory(dependencies, orchestrator);
        await api.InitializeAsync();
        var client = api.Services.GetRequiredService<OrchestratorClient>();
        orchestrator.Unavailable = true;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Assert.ThrowsAsync<OrchestratorUnavailableException>(() => client.GetAsync("any", CancellationToken.None))));
        orchestrator.Unavailable = false;
        var reached = orchestrator.Requests;

        var failure = await Assert.ThrowsAsync<OrchestratorUnavailableException>(() => client.GetAsync("any", CancellationToken.None));
        Assert.IsType<Polly.CircuitBreaker.BrokenCircuitException>(failure.InnerException);
        Assert.Equal(reached, orchestrator.Requests);
    }

    private sealed class StubOrchestratorCanvasApiFactory(LocalDependenciesFixture dependencies, StubOrchestrator orchestrator) : CanvasApiFactory(dependencies)
    {
        protected override void AddSettings(IDictionary<string, string?> settings) =>
            settings["services:orchestrator:http:0"] = orchestrator.Address.ToString();
    }

    /// <summary>Answers a read of <see cref="PoisonId"/> with 500, everything with 503 while <see cref="Unavailable"/>, else 404.</summary>
    private sealed class StubOrchestrator : IAsyncDisposable
    {
        public const string PoisonId = "poison";
        private readonly WebApplication _app;
        private int _requests;

        private StubOrchestrator(WebApplication app) => _app = app;

        public bool Unavailable { get; set; }

        public int Requests => Volatile.Read(ref _requests);

        public Uri Address => new(_app.Urls.First());

        public static async Task<StubOrchestrator> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var stub = new StubOrchestrator(builder.Build());
            stub._app.MapGet("/api/tasks/{id}", (string id) =>
            {
                Interlocked.Increment(ref stub._requests);
                return stub.Unavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                    : id == PoisonId ? Results.StatusCode(StatusCodes.Status500InternalServerError)
                    : Results.NotFound();
            });
            await stub._app.StartAsync();
            return stub;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
