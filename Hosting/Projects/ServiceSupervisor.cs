using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Projects;

/// <summary>
/// What a local run of the services needs beyond what DCP does: each service started from its build output (not one
/// <c>dotnet run</c> apiece), restarted with backoff when it crashes, and on Ctrl+C stopped before what it depends on
/// (DCP stops everything at once, so a service's graceful stop would meet its database already gone).
/// </summary>
internal sealed class ServiceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ILogger<ServiceSupervisor> logger) : IDistributedApplicationEventingSubscriber
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(10);
    private readonly RestartPolicy _restarts = new(notifications, commands, loggers, lifetime.ApplicationStopping);

    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<BeforeStartEvent>((@event, _) =>
            {
                var projects = @event.Model.Resources.OfType<ProjectResource>().ToList();
                if (!IsIdeSession)
                {
                    foreach (var project in projects)
                    {
                        RunFromBuildOutput(project);
                    }
                }
                foreach (var project in projects)
                {
                    // The services speak HTTP on loopback (TLS ends at the load balancer in AWS): no developer
                    // certificate to give them, and no "untrusted certificate" warning where none is trusted.
                    project.Annotations.Add(new HttpsCertificateAnnotation { Certificate = null, UseDeveloperCertificate = false });
                }
                _restarts.Watch(projects);
                lifetime.ApplicationStopping.Register(() => StopInDependencyOrder(projects));
                return Task.CompletedTask;
            });
        }
        return Task.CompletedTask;
    }

    // An IDE (Visual Studio, Rider, VS Code) launches projects itself, to debug them: leave those launches alone.
    private bool IsIdeSession => !string.IsNullOrEmpty(configuration["DEBUG_SESSION_PORT"]);

    /// <summary>
    /// <c>dotnet &lt;project&gt;.dll</c> from the output the AppHost's build just made, instead of <c>dotnet run</c>, which
    /// costs 2–3 s and ~70 MB per project and keeps stop signals from reaching the service.
    /// </summary>
    private static void RunFromBuildOutput(ProjectResource project)
    {
        var metadata = project.GetProjectMetadata();
        var directory = Path.GetDirectoryName(metadata.ProjectPath)!;
        var assembly = Path.Combine(directory, "bin", BuildConfiguration, "net10.0", Path.GetFileNameWithoutExtension(metadata.ProjectPath) + ".dll");
        if (!File.Exists(assembly))
        {
            // Built some other way (another configuration or framework): let Aspire run it with dotnet run.
            return;
        }
        project.Annotations.Add(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = directory });
        project.Annotations.Add(new CommandLineArgsCallbackAnnotation(args => args.Insert(0, assembly)));
    }

    private static string BuildConfiguration =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Stops services that nothing else uses first, then the ones they used, then leaves the rest to DCP.</summary>
    private void StopInDependencyOrder(IReadOnlyList<ProjectResource> projects)
    {
        using var budget = new CancellationTokenSource(StopBudget);
        var remaining = projects.ToHashSet();
        try
        {
            while (remaining.Count > 0)
            {
                var used = remaining.SelectMany(p => p.Annotations.OfType<ResourceRelationshipAnnotation>().Select(a => a.Resource)).ToHashSet();
                var layer = remaining.Where(p => !used.Contains(p)).ToList() is { Count: > 0 } unused ? unused : [.. remaining];
                Task.WhenAll(layer.Select(p => StopAsync(p, budget.Token))).GetAwaiter().GetResult();
                remaining.ExceptWith(layer);
            }
        }
        catch (OperationCanceledException)
        {
            ServiceSupervisorLog.StopBudgetSpent(logger, StopBudget.TotalSeconds);
        }
    }

    private async Task StopAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        if (!notifications.TryGetCurrentState(project.Name, out var current) || current.Snapshot.State?.Text != KnownResourceStates.Running)
        {
            return;
        }
        _restarts.Forget(project);
        await commands.ExecuteCommandAsync(project, KnownResourceCommands.StopCommand, cancellationToken).ConfigureAwait(false);
        await notifications.WaitForResourceAsync(project.Name, e => e.Snapshot.State?.Text != KnownResourceStates.Running && e.Snapshot.State?.Text != KnownResourceStates.Stopping, cancellationToken)
            .ConfigureAwait(false);
    }
}

internal static partial class ServiceSupervisorLog
{
    [LoggerMessage(1, LogLevel.Warning, "Services did not stop within {Seconds} s; DCP stops what is left")]
    public static partial void StopBudgetSpent(ILogger logger, double seconds);
}
