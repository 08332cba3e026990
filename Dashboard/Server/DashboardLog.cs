using Microsoft.Extensions.Logging;

namespace Backend.Dashboard.Server;

/// <summary>What the dashboard logs. Never its secrets: the login URL is for the AppHost to print, not for logs.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard listening on {Url}")]
    public static partial void Listening(ILogger logger, Uri url);
}
