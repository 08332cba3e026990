using Microsoft.AspNetCore.Http;

namespace Backend.Dashboard.Security;

/// <summary>
/// The dashboard's front door. The browser UI and its API need the cookie that the printed login URL
/// sets; the OTLP endpoints check their own API key. Requests naming another host are refused, so a
/// web page that rebinds its DNS name to 127.0.0.1 cannot reach the dashboard either.
/// </summary>
internal sealed class DashboardAuthMiddleware(RequestDelegate next, DashboardSecrets secrets)
{
    public const string LoginPath = "/login";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

        var request = context.Request;
        var port = context.Connection.LocalPort;
        if (!IsLoopbackHost(request.Host, port))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        if (request.Path.StartsWithSegments("/v1"))
        {
            return next(context);
        }
        if (request.Path.Equals(LoginPath, StringComparison.Ordinal))
        {
            return LogInAsync(context, port);
        }
        return DashboardSecrets.Matches(request.Cookies[DashboardSecrets.CookieName(port)], secrets.SessionValue)
            ? next(context)
            : RefuseAsync(context);
    }

    private Task LogInAsync(HttpContext context, int port)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (!DashboardSecrets.Matches(context.Request.Query["t"].ToString(), secrets.BrowserToken))
        {
            return LoginPages.WriteAsync(response, LoginPages.InvalidLink);
        }
        response.Cookies.Append(DashboardSecrets.CookieName(port), secrets.SessionValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        // Redirecting also takes the token out of the address bar and the browser's history entry.
        response.Redirect("/");
        return Task.CompletedTask;
    }

    private static Task RefuseAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return TypedResults.Problem(
                "Open the dashboard's login URL printed by the AppHost first.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
        }
        return LoginPages.WriteAsync(context.Response, LoginPages.LoginRequired);
    }

    private static bool IsLoopbackHost(HostString host, int port) =>
        (host.Port is null || host.Port == port)
        && (string.Equals(host.Host, "127.0.0.1", StringComparison.Ordinal)
            || string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase));
}
