using Microsoft.AspNetCore.Http;

namespace Backend.Dashboard.Security;

/// <summary>The two pages a browser without the dashboard's cookie gets. Static text only: nothing from the request is echoed.</summary>
internal static class LoginPages
{
    public const string LoginRequired =
        "<h1>Log in to the dashboard</h1>" +
        "<p>Open the dashboard's login URL printed by the AppHost when it started " +
        "(<code>http://127.0.0.1:&lt;port&gt;/login?t=&lt;token&gt;</code>). It signs this browser in.</p>";

    public const string InvalidLink =
        "<h1>This login link is not valid</h1>" +
        "<p>The token does not match this dashboard. The AppHost prints a new login URL every time it starts: " +
        "open the one from its current run.</p>";

    public static Task WriteAsync(HttpResponse response, string body)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dashboard: log in</title></head>" +
            $"<body>{body}</body></html>");
    }
}
