using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// Stands in for the orchestrator's API-key scheme in the GPU tests' own host: a request is
/// authenticated when it carries <see cref="Key"/> in <c>X-Api-Key</c>, anything else is a 401.
/// </summary>
internal sealed class TestApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestApiKey";
    public const string Key = "gpu-test-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Request.Headers["X-Api-Key"] == Key
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());
}
