namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// Describes a .NET project of the solution, as the AppHost's generated <c>Projects.*</c> classes do
/// (Aspire's <c>IProjectMetadata</c>, plus the built assembly so the local runner can start <c>dotnet &lt;TargetPath&gt;</c>).
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Gets the absolute path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>Gets the absolute path of the built assembly, or null when unknown.</summary>
    string? TargetPath { get; }
}

/// <summary>A .NET service of the solution, run as a process locally and deployed as a container.</summary>
/// <param name="name">The resource name (also its <c>OTEL_SERVICE_NAME</c>).</param>
/// <param name="metadata">Where the project and its assembly are.</param>
public sealed class ProjectResource(string name, IProjectMetadata metadata)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithServiceDiscovery, IResourceWithWaitSupport
{
    /// <summary>Gets the absolute path of the project file.</summary>
    public string ProjectPath { get; } = metadata?.ProjectPath ?? throw new ArgumentNullException(nameof(metadata));

    /// <summary>Gets the absolute path of the built assembly, or null when unknown.</summary>
    public string? TargetPath { get; } = metadata.TargetPath;
}
