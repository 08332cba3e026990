using Backend.Hosting.Ecs.Publishing;

namespace Publishing.Tests;

/// <summary>What a service's environment becomes in ECS, and what it refuses rather than drop.</summary>
public sealed class EnvironmentReaderTests
{
    [Fact]
    public async Task AValueEcsCannotHoldFailsThePublishInsteadOfBeingDropped()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish", "--output-path", Path.GetTempPath()]);
        var plain = builder.AddParameter("plain-setting");
        // A value made of a parameter and text: no one ECS value holds it.
        var service = builder.AddProject<global::Projects.Orchestrator>("service").WithEnvironment("Setting", ReferenceExpression.Create($"{plain}-suffix"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EcsEnvironmentReader.ReadAsync(service.Resource, builder.ExecutionContext, TestContext.Current.CancellationToken));

        Assert.Contains("Setting of 'service'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsParametersTextAndHttpEndpointsAreMappedAndHttpsVariantsLeftOut()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish", "--output-path", Path.GetTempPath()]);
        var secret = builder.AddParameter("api-key", secret: true);
        var server = builder.AddProject<global::Projects.Orchestrator>("server").WithHttpEndpoint(port: 8080);
        var plain = builder.AddParameter("issuer");
        var client = builder.AddProject<global::Projects.Canvas_Api>("client").WithReference(server).WithEnvironment("Key", secret).WithEnvironment("Mode", "ecs")
            .WithEnvironment("Issuer", plain);

        var variables = (await EcsEnvironmentReader.ReadAsync(client.Resource, builder.ExecutionContext, TestContext.Current.CancellationToken))
            .ToDictionary(v => v.Name, v => v.Value);

        Assert.Equal(new EcsValue.Secret(secret.Resource), variables["Key"]);
        Assert.Equal(new EcsValue.Text("ecs"), variables["Mode"]);
        Assert.Equal(new EcsValue.Plain(plain.Resource), variables["Issuer"]);
        Assert.Equal(new EcsValue.ServiceUrl(server.Resource), variables["services__server__http__0"]);
        Assert.DoesNotContain(variables.Keys, k => k.Contains("https", StringComparison.OrdinalIgnoreCase));
    }
}
