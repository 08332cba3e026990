using Backend.Hosting.Testing;

namespace Publishing.Tests;

/// <summary>Runs the built AppHost as the documented commands do (<c>dotnet run --project AppHost -- …</c>).</summary>
internal static class AppHostProcess
{
    /// <summary>Secret values the published files must never contain.</summary>
    public static IReadOnlyDictionary<string, string> SecretValues { get; } = new Dictionary<string, string>
    {
        ["Parameters__supabase-jwt-secret"] = "sentinel-jwt-secret-5f1c0e7a9b2d4c6e8f0a1b3c5d7e9f01",
        ["Parameters__orchestrator-api-key"] = "sentinel-api-key-0a9b8c7d6e5f4a3b",
        ["ConnectionStrings__canvasdb"] = "Host=db.example;Password=sentinel-db-password-7c3e",
    };

    /// <summary>Values of the plain parameters, which a deploy passes to the stack.</summary>
    public static IReadOnlyDictionary<string, string> PlainValues { get; } = new Dictionary<string, string>
    {
        ["Parameters__supabase-issuer"] = "https://sentinel-project.supabase.co/auth/v1",
    };

    public static async Task<(int ExitCode, string Output)> RunAsync(
        IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Only what the command line says: not the publish settings of whatever runs the tests.
        var variables = new Dictionary<string, string?>
        {
            ["Publishing__Publisher"] = null,
            ["Pipeline__OutputPath"] = null,
            ["Pipeline__Step"] = null,
            ["DOTNET_LAUNCH_PROFILE"] = null,
        };
        foreach (var (name, value) in SecretValues.Concat(PlainValues).Concat(environment ?? new Dictionary<string, string>()))
        {
            variables[name] = value;
        }
        return await BuiltAppHost.RunToEndAsync(Path.Combine(Repository.Root, "AppHost"), RepositoryFiles.Configuration, arguments, variables,
            TimeSpan.FromMinutes(5), cancellationToken);
    }

    /// <summary>Publishes into <paramref name="directory"/> and fails with the AppHost's output when it fails.</summary>
    public static async Task PublishAsync(string directory, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(["--operation", "publish", "--step", "publish", "--output-path", directory], cancellationToken);
        Assert.True(exitCode == 0, $"The AppHost failed to publish ({exitCode}):\n{output}");
    }
}
