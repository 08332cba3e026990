using System.Text.Json;
using Backend.Hosting.Local;

namespace Backend.Hosting.Testing;

/// <summary>An AppHost's launch profile, as tests and benchmarks start the built AppHost without <c>dotnet run</c>.</summary>
public static class AppHostLaunchProfile
{
    /// <summary>
    /// The <c>http</c> profile's environment and its <c>applicationUrl</c> (as <c>ASPNETCORE_URLS</c>), every URL's port
    /// replaced by a free one, so a run never meets a developer's F5 on the profile's ports.
    /// </summary>
    /// <param name="launchSettings">The path of <c>Properties/launchSettings.json</c>.</param>
    public static Dictionary<string, string> HttpProfileOnFreePorts(string launchSettings)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(launchSettings));
        var profile = document.RootElement.GetProperty("profiles").GetProperty("http");
        var environment = profile.GetProperty("environmentVariables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        environment["ASPNETCORE_URLS"] = profile.GetProperty("applicationUrl").GetString()!;
        foreach (var (variable, value) in environment.ToList())
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                environment[variable] = new UriBuilder(url) { Port = FreePort.Next() }.Uri.ToString().TrimEnd('/');
            }
        }
        return environment;
    }
}
