using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Adds executables.</summary>
public static class ExecutableResourceBuilderExtensions
{
    /// <summary>Adds a program to run as a process.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="command">The program.</param>
    /// <param name="workingDirectory">The working directory, relative to the AppHost directory.</param>
    /// <param name="args">The first command-line arguments.</param>
    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this IDistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var directory = Path.GetFullPath(workingDirectory, builder.AppHostDirectory);
        var executable = builder.AddResource(new ExecutableResource(name, command, directory))
            .WithEnvironment(ProcessEnvironment.AddEndpointPortVariables);
        return args is { Length: > 0 } ? executable.WithArgs(args) : executable;
    }
}
