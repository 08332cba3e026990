using System.Reflection;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace Backend.Hosting;

/// <summary>
/// Facts about the AppHost read from its entry assembly: the project directory (embedded by AppHost.csproj as
/// <c>AssemblyMetadata("AppHostDirectory")</c>, as Aspire's SDK embeds <c>apphostprojectpath</c>) and its user secrets.
/// </summary>
internal static class AppHostInfo
{
    public static string? Directory =>
        Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostDirectory")?.Value;

    public static string? UserSecretsPath =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<UserSecretsIdAttribute>() is { } attribute
            ? PathHelper.GetSecretsPathFromSecretsId(attribute.UserSecretsId)
            : null;
}
