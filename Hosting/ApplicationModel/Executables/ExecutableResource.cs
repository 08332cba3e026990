namespace Backend.Hosting.ApplicationModel;

/// <summary>A program started as a process (a Node launcher, a script), not a .NET project.</summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The program, as found on PATH or a path.</param>
/// <param name="workingDirectory">The absolute working directory.</param>
public sealed class ExecutableResource(string name, string command, string workingDirectory)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithServiceDiscovery, IResourceWithWaitSupport
{
    /// <summary>Gets the program.</summary>
    public string Command { get; } = command;

    /// <summary>Gets the absolute working directory.</summary>
    public string WorkingDirectory { get; } = workingDirectory;
}
