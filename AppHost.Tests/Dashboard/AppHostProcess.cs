using System.Reflection;
using System.Security.Cryptography;
using AppHost.Tests.Publishing;
using Backend.Hosting.Local;
using Backend.Hosting.Testing;

namespace AppHost.Tests.Dashboard;

/// <summary>
/// The built AppHost run as F5 runs it, with its dashboard (<see cref="BuiltAppHost"/>), the secrets given so that it
/// meets no developer's user secrets, and a HOME of its own, without a developer certificate, as on a fresh machine
/// (whether this machine has one must not decide what the test sees). Disposing stops it and deletes that HOME.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly BuiltAppHost _appHost;
    private readonly string _home;

    private AppHostProcess(BuiltAppHost appHost, string home) => (_appHost, _home) = (appHost, home);

    public static AppHostProcess Start()
    {
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var home = Directory.CreateTempSubdirectory("apphost-test-home-").FullName;
        var appHost = BuiltAppHost.Start(Path.Combine(RepositoryFiles.Root, "AppHost"), configuration,
        [
            $"--Ports:canvas-api={FreePort.Next()}",
            $"--Ports:orchestrator={FreePort.Next()}",
            $"--Parameters:supabase-jwt-secret={RandomNumberGenerator.GetHexString(48)}",
            $"--Parameters:orchestrator-api-key={RandomNumberGenerator.GetHexString(32)}",
        ], new Dictionary<string, string>
        {
            ["HOME"] = home,
            // The caches and npm's configuration stay the machine's: nothing is downloaded again, npm ci (on first use)
            // still reaches the registry the machine is set up for.
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
                ? packages
                : Path.Combine(userHome, ".nuget", "packages"),
            ["npm_config_cache"] = Path.Combine(userHome, ".npm"),
            ["npm_config_userconfig"] = Path.Combine(userHome, ".npmrc"),
        });
        return new AppHostProcess(appHost, home);
    }

    /// <inheritdoc cref="BuiltAppHost.WaitForLineAsync"/>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) => _appHost.WaitForLineAsync(text, timeout);

    public string Tail() => _appHost.Tail(60);

    public async ValueTask DisposeAsync()
    {
        await _appHost.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Something of the run still wrote there while dying: a leftover in TMPDIR, not a failure.
        }
    }
}
