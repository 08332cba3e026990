using System.Runtime.InteropServices;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.Local;
using Backend.Hosting.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backend.Hosting.LocalRun;

/// <summary>
/// <c>dotnet run --project AppHost</c>: runs the application until Ctrl+C (SIGINT) or SIGTERM, showing
/// every resource live, then the URLs to use; stops everything gracefully on the signal.
/// </summary>
internal static class LocalRunCommand
{
    public static async Task<int> RunAsync(DistributedApplicationModel model, LocalRunOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var console = new RunConsole();
        // Killed `dotnet run` or closed terminal: stop gracefully as on Ctrl+C rather than live on as an orphan.
        OrphanWatchdog.Start(() => Stop(null), TimeSpan.FromSeconds(30));

        LocalRunner runner;
        try
        {
            runner = await LocalRunner.StartAsync(model, options, NullLoggerFactory.Instance, stop.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is LocalRunException or LocalDependencyException or DistributedApplicationException)
        {
            RunConsole.Failed(exception.Message);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }

        await using (runner.ConfigureAwait(false))
        {
            var started = await console.ShowStartupAsync(runner, stop.Token).ConfigureAwait(false);
            if (started)
            {
                RunConsole.ShowSummary(runner, await DevelopmentTokensAsync(model).ConfigureAwait(false));
            }
            await console.FollowAsync(runner, stop.Token).ConfigureAwait(false);
            RunConsole.Stopping();
        }
        RunConsole.Stopped(runner.StopDuration ?? TimeSpan.Zero);
        return 0;

        void Stop(PosixSignalContext? context)
        {
            // Handled here: the runner stops every process gracefully instead of the runtime exiting at once.
            context?.Cancel = true;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run has already ended.
            }
        }
    }

    private static async Task<IReadOnlyList<(string Resource, string Token)>> DevelopmentTokensAsync(DistributedApplicationModel model)
    {
        var tokens = new List<(string, string)>();
        foreach (var resource in model.Resources)
        {
            foreach (var annotation in resource.Annotations.OfType<DevelopmentTokenAnnotation>())
            {
                var secret = await annotation.SigningKey.GetValueAsync().ConfigureAwait(false);
                tokens.Add((resource.Name, DevelopmentToken.Create(secret!, annotation.Subject, TimeSpan.FromHours(12))));
            }
        }
        return tokens;
    }
}
