using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.Tests.ApplicationModel;

public sealed class ProcessEnvironmentTests
{
    [Fact]
    public async Task ALocallyRunProjectGetsTelemetryItsUrlsAndTheDevelopmentEnvironment()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080);

        var environment = await builder.BuildAndAllocate().EnvironmentOf("orchestrator");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
                ["OTEL_SERVICE_NAME"] = "orchestrator",
                ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=orchestrator-0",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:8080",
            },
            environment.ToDictionary());
    }

    [Fact]
    public async Task APublishedProjectGetsItsServiceNameAndPortsButNothingLocal()
    {
        var builder = TestApplication.CreatePublishBuilder();
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080);

        var environment = await builder.Build().EnvironmentOf("orchestrator");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["OTEL_SERVICE_NAME"] = "orchestrator",
                ["HTTP_PORTS"] = "{orchestrator.bindings.http.targetPort}",
            },
            environment.ToDictionary());
    }

    [Fact]
    public async Task AProjectWithoutEndpointsGetsNoUrls()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddProject<TestProjects.GpuWorker>("gpuworker");

        var environment = await builder.BuildAndAllocate().EnvironmentOf("gpuworker");

        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"));
        Assert.Equal("gpuworker", environment["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public async Task EachReplicaGetsItsOwnInstanceIdAndPort()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080).WithReplicas(2);
        var app = builder.BuildAndAllocate();
        app.Model["orchestrator"].GetEndpoints().Single().AllocatedEndpoint = new AllocatedEndpoint("127.0.0.1", 8080, [41001, 41002]);

        var first = await app.EnvironmentOf("orchestrator", replica: 0);
        var second = await app.EnvironmentOf("orchestrator", replica: 1);

        Assert.Equal(2, app.Model["orchestrator"].GetReplicaCount());
        Assert.Equal(("service.instance.id=orchestrator-0", "http://127.0.0.1:41001"), (first["OTEL_RESOURCE_ATTRIBUTES"], first["ASPNETCORE_URLS"]));
        Assert.Equal(("service.instance.id=orchestrator-1", "http://127.0.0.1:41002"), (second["OTEL_RESOURCE_ATTRIBUTES"], second["ASPNETCORE_URLS"]));
    }

    [Fact]
    public async Task WithEnvironmentTakesLiteralsParametersAndExpressions()
    {
        var builder = TestApplication.CreateRunBuilder("--Parameters:api-key", "k3y");
        var apiKey = builder.AddParameter("api-key", secret: true);
        var orchestrator = builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080);
        builder.AddProject<TestProjects.CanvasApi>("canvas-api")
            .WithEnvironment("Feature__Name", "canvas")
            .WithEnvironment("Orchestrator__ApiKey", apiKey)
            .WithEnvironment("Orchestrator__Health", ReferenceExpression.Create($"{orchestrator.GetEndpoint("http")}/health"));
        var app = builder.BuildAndAllocate();

        var environment = await app.EnvironmentOf("canvas-api");

        Assert.Equal("canvas", environment["Feature__Name"]);
        Assert.Equal("k3y", environment["Orchestrator__ApiKey"]);
        Assert.Equal("http://127.0.0.1:8080/health", environment["Orchestrator__Health"]);
    }

    [Fact]
    public async Task ParametersAndExpressionsBecomePlaceholdersWhenPublished()
    {
        var builder = TestApplication.CreatePublishBuilder();
        var apiKey = builder.AddParameter("api-key", secret: true);
        var orchestrator = builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint(port: 8080);
        builder.AddProject<TestProjects.CanvasApi>("canvas-api")
            .WithEnvironment("Orchestrator__ApiKey", apiKey)
            .WithEnvironment("Orchestrator__Health", ReferenceExpression.Create($"{orchestrator.GetEndpoint("http")}/health"));

        var environment = await builder.Build().EnvironmentOf("canvas-api");

        Assert.Equal("{api-key.value}", environment["Orchestrator__ApiKey"]);
        Assert.Equal("{orchestrator.bindings.http.url}/health", environment["Orchestrator__Health"]);
    }

    [Fact]
    public async Task AnExecutableIsToldItsPortThroughTheVariableItAskedFor()
    {
        var builder = TestApplication.CreateRunBuilder();
        var executable = builder.AddExecutable("launcher", "node", "../Hosting/Emulators", "launch.mjs")
            .WithHttpEndpoint(name: "http", env: "PORT");
        executable.WithArgs("--port", executable.GetEndpoint("http").Port);
        var app = builder.BuildAndAllocate();
        var resource = (ExecutableResource)app.Model["launcher"];

        var environment = await app.EnvironmentOf("launcher");
        var args = await resource.GetArgumentsAsync(app.Model.ExecutionContext, TestContext.Current.CancellationToken);

        Assert.Equal("/repo/Hosting/Emulators", resource.WorkingDirectory);
        Assert.Equal(new Dictionary<string, string> { ["PORT"] = "41000" }, environment.ToDictionary());
        Assert.Equal(["launch.mjs", "--port", "41000"], args);
    }

    [Fact]
    public async Task ALocallyRunProjectFailsClearlyWhenItsEndpointWasNotAllocated()
    {
        var builder = TestApplication.CreateRunBuilder();
        builder.AddProject<TestProjects.Orchestrator>("orchestrator").WithHttpEndpoint();
        var app = builder.Build();
        app.Model.ExecutionContext.Telemetry.OtlpEndpoint = new Uri("http://127.0.0.1:4317");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.EnvironmentOf("orchestrator"));

        Assert.Contains("The endpoint 'http' of Project 'orchestrator' has not been allocated yet", error.Message, StringComparison.Ordinal);
    }
}
