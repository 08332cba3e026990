using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.LocalRun;

/// <summary>The command line that starts a project or an executable.</summary>
internal static class LaunchCommand
{
    public static async Task<(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)> ForAsync(
        IResource resource, DistributedApplicationExecutionContext context, CancellationToken cancellationToken)
    {
        var arguments = await resource.GetArgumentsAsync(context, cancellationToken).ConfigureAwait(false);
        switch (resource)
        {
            case ProjectResource project:
                // The built assembly, run directly: `dotnet run` would evaluate and build the project again
                // on every start and restart, seconds each on a 2-core machine.
                if (project.TargetPath is not { } assembly || !File.Exists(assembly))
                {
                    throw new LocalRunException(
                        $"{project.Name} is not built ({project.TargetPath ?? "no target path"} is missing): " +
                        $"run `dotnet build {project.ProjectPath}` or start the AppHost with `dotnet run --project AppHost`, which builds it.");
                }
                return ("dotnet", [assembly, .. arguments], Path.GetDirectoryName(project.ProjectPath)!);
            case ExecutableResource executable:
                // Checked here: starting the process would fail naming setpriv (which every child is
                // started through) and "No such file or directory", as if setpriv were missing.
                if (!Directory.Exists(executable.WorkingDirectory))
                {
                    throw new LocalRunException(
                        $"the working directory {executable.WorkingDirectory} does not exist: create it, or correct the working " +
                        "directory given to AddExecutable (a relative one is relative to the AppHost directory).");
                }
                return (executable.Command, arguments, executable.WorkingDirectory);
            default:
                throw new InvalidOperationException($"{resource} is not a process.");
        }
    }
}
