using System.Reflection;
using Backend.Hosting.LocalRun;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.Testing;

/// <summary>
/// Runs an AppHost for a test, the way Aspire.Hosting.Testing does: the AppHost's own <c>Program</c>
/// declares the application (nothing is redeclared in the test), the local runner starts all of it on
/// free ports, and the test talks to it over HTTP until it disposes the host.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>
    /// Builds the model declared by the AppHost whose entry point lives in the assembly of
    /// <typeparamref name="TEntryPoint"/>, starts it, and waits until every resource is running and healthy.
    /// </summary>
    /// <typeparam name="TEntryPoint">Any type of the AppHost assembly (its <c>Program</c>).</typeparam>
    /// <param name="options">How to run it; free ports and a temporary user-secrets file by default.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    public static async Task<DistributedApplicationTestHost> StartAsync<TEntryPoint>(
        DistributedApplicationTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DistributedApplicationTestOptions();
        var appHost = typeof(TEntryPoint).Assembly;
        var secrets = Path.Combine(Path.GetTempPath(), $"apphost-test-secrets-{Guid.NewGuid():N}.json");
        var application = Build(appHost, options.Args, secrets);

        var runner = await LocalRunner.StartAsync(application.Model, options.Run, NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        var host = new DistributedApplicationTestHost(application.Model, runner, secrets);
        try
        {
            await host.WaitUntilStartedAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static DistributedApplication Build(Assembly appHost, IReadOnlyList<string> args, string secretsPath)
    {
        DistributedApplication? built = null;
        var directory = appHost.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "AppHostDirectory")?.Value;
        using (TestingHooks.Install(
            configure => new DistributedApplicationOptions
            {
                Args = [.. configure.Args, .. args],
                AppHostDirectory = directory,
                // Generated passwords and keys go to a throwaway file, not the developer's user secrets.
                UserSecretsPath = secretsPath,
            },
            application => built = application))
        {
            var entryPoint = appHost.EntryPoint ?? throw new InvalidOperationException($"{appHost.GetName().Name} has no entry point: is it an AppHost?");
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
        return built ?? throw new InvalidOperationException($"{appHost.GetName().Name} did not build and run a DistributedApplication.");
    }
}

/// <summary>How a test runs the AppHost.</summary>
public sealed record DistributedApplicationTestOptions
{
    /// <summary>Extra AppHost arguments, as on its command line (e.g. <c>--Parameters:x=y</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>How the local runner runs it; free ports by default, so tests run beside a developer's F5.</summary>
    public LocalRunOptions Run { get; init; } = new() { UseFreePorts = true };

    /// <summary>How long every resource has to become healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
