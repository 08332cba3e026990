using System.Text.Json.Nodes;

namespace Backend.Hosting.Tests.ApplicationModel;

public sealed class ParameterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("appmodel-secrets-").FullName;

    private string SecretsPath => Path.Combine(_directory, "usersecrets", "secrets.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AParameterTakesItsValueFromConfiguration()
    {
        var builder = CreateBuilder("--Parameters:supabase-jwt-secret", "from-config");
        var secret = builder.AddParameter("supabase-jwt-secret", secret: true);
        builder.Build();

        Assert.Equal("from-config", await secret.Resource.GetValueAsync(TestContext.Current.CancellationToken));
        Assert.False(File.Exists(SecretsPath));
    }

    [Fact]
    public async Task AMissingParameterIsGeneratedAndStaysTheSameOnTheNextBuild()
    {
        var first = CreateBuilder();
        var firstKey = first.AddParameter("orchestrator-api-key", secret: true);
        first.Build();
        var second = CreateBuilder();
        var secondKey = second.AddParameter("orchestrator-api-key", secret: true);
        second.Build();

        var value = await firstKey.Resource.GetValueAsync(TestContext.Current.CancellationToken);
        Assert.Equal(value, await secondKey.Resource.GetValueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(value, JsonNode.Parse(await File.ReadAllTextAsync(SecretsPath, TestContext.Current.CancellationToken))!["Parameters:orchestrator-api-key"]!.GetValue<string>());
    }

    [Fact]
    public async Task AGeneratedValueIsLongAlphanumericAndDifferentEachTime()
    {
        var builder = CreateBuilder();
        var one = builder.AddParameter("one", secret: true);
        var two = builder.AddParameter("two", secret: true).WithGeneratedDefault(minLength: 64);
        builder.Build();

        var first = await one.Resource.GetValueAsync(TestContext.Current.CancellationToken);
        var second = await two.Resource.GetValueAsync(TestContext.Current.CancellationToken);
        Assert.True(first!.Length >= 43 && first.All(char.IsAsciiLetterOrDigit), "at least 256 bits, alphanumeric");
        Assert.Equal(64, second!.Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void GeneratingKeepsTheOtherUserSecrets()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SecretsPath)!);
        File.WriteAllText(SecretsPath, """{ "Other:Setting": "kept" }""");
        var builder = CreateBuilder();
        builder.AddParameter("orchestrator-api-key", secret: true);
        builder.Build();

        var secrets = JsonNode.Parse(File.ReadAllText(SecretsPath))!.AsObject();
        Assert.Equal("kept", secrets["Other:Setting"]!.GetValue<string>());
        Assert.True(secrets.ContainsKey("Parameters:orchestrator-api-key"));
    }

    [Fact]
    public void PublishingNeitherGeneratesNorPersistsValues()
    {
        var builder = CreateBuilder("--publisher", "manifest", "--output-path", "out.json");
        var key = builder.AddParameter("orchestrator-api-key", secret: true);
        builder.Build();

        Assert.False(key.Resource.HasValue);
        Assert.False(File.Exists(SecretsPath));
    }

    [Fact]
    public async Task ASecretValueNeverAppearsWhenTheModelIsPrinted()
    {
        var builder = CreateBuilder("--Parameters:jwt-secret", "TOP-SECRET-VALUE", "--Parameters:postgres-password", "PG-SECRET-VALUE");
        var jwt = builder.AddParameter("jwt-secret", secret: true);
        var db = builder.AddPostgres("postgres").AddDatabase("canvasdb");
        builder.AddProject<TestProjects.CanvasApi>("canvas-api").WithReference(db).WithEnvironment("Auth__JwtSecret", jwt);
        var app = builder.BuildAndAllocate();

        var environment = await app.EnvironmentOf("canvas-api");
        var printed = string.Join('\n', environment.ToString(), jwt.Resource, db.Resource, db.Resource.ConnectionStringExpression,
            string.Join(',', app.Model.Resources));

        Assert.Equal("TOP-SECRET-VALUE", environment["Auth__JwtSecret"]);
        Assert.True(environment.IsSecret("Auth__JwtSecret") && environment.IsSecret("ConnectionStrings__canvasdb"));
        Assert.DoesNotContain("TOP-SECRET-VALUE", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("PG-SECRET-VALUE", printed, StringComparison.Ordinal);
        Assert.Contains("Auth__JwtSecret=***", printed, StringComparison.Ordinal);
        Assert.Equal("Parameter 'jwt-secret' (secret)", jwt.Resource.ToString());
    }

    [Fact]
    public async Task AParameterHasNoValueBeforeTheApplicationIsBuilt()
    {
        var builder = CreateBuilder();
        var key = builder.AddParameter("orchestrator-api-key", secret: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => key.Resource.GetValueAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("has no value yet", error.Message, StringComparison.Ordinal);
    }

    private IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, AppHostDirectory = _directory, UserSecretsPath = SecretsPath });
}
