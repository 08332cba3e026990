using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Backend.Hosting.Projects;
using Canvas.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Canvas.Api.Tests;

public sealed class AuthTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    public static TheoryData<string, string?> BadTokens => new()
    {
        { "no token", null },
        { "not a JWT", "not-a-jwt" },
        { "another secret", DevelopmentToken.Create("a-different-secret-that-is-32-bytes-long!", "user-1", TimeSpan.FromHours(1), issuer: CanvasApiFactory.Issuer) },
        { "expired", DevelopmentToken.Create(CanvasApiFactory.JwtSecret, "user-1", TimeSpan.FromMinutes(5), issuer: CanvasApiFactory.Issuer, issuedAt: DateTimeOffset.UtcNow.AddHours(-1)) },
        { "wrong audience", DevelopmentToken.Create(CanvasApiFactory.JwtSecret, "user-1", TimeSpan.FromHours(1), audience: "anon", issuer: CanvasApiFactory.Issuer) },
        // The project's own secret, but another project's (or no) issuer: a secret shared across projects must not let one's tokens into another.
        { "another issuer", DevelopmentToken.Create(CanvasApiFactory.JwtSecret, "user-1", TimeSpan.FromHours(1), issuer: "https://other.supabase.co/auth/v1") },
        { "no issuer", DevelopmentToken.Create(CanvasApiFactory.JwtSecret, "user-1", TimeSpan.FromHours(1)) },
        { "no subject (an anon key)", Sign(new ClaimsIdentity([new Claim("role", "anon")]), "authenticated") },
        { "unsigned", new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Subject = new ClaimsIdentity([new Claim("sub", "user-1")]),
                Audience = "authenticated",
                Expires = DateTime.UtcNow.AddHours(1),
            }) },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ApiCallsWithoutAValidTokenAreUnauthorized(string because, string? token)
    {
        using var client = api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.GetAsync("/api/sessions");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, because);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnUnauthorizedAnswerDoesNotSayWhyTheTokenFailed(string because, string? token)
    {
        using var client = api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.GetAsync("/api/sessions");
        var said = string.Join('\n', response.Headers.WwwAuthenticate.Select(header => header.ToString())) + "\n" + await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, because);
        foreach (var hint in new[] { "error_description", "expired", "signature", "audience", "lifetime", "key", "IDX", "sub" })
        {
            Assert.DoesNotContain(hint, said, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AValidTokenIsAccepted()
    {
        using var client = api.CreateClientFor("user-1");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);
    }

    [Fact]
    public async Task HealthOpenApiAndItsUiNeedNoToken()
    {
        using var client = api.CreateClient();

        var health = await client.GetStringAsync("/health");
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        var ui = await client.GetAsync("/scalar/");

        Assert.Contains("\"canvasdb\":\"Healthy\"", health, StringComparison.Ordinal);
        Assert.Contains("\"images\":\"Healthy\"", health, StringComparison.Ordinal);
        Assert.Contains("\"bearer\"", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/sessions/{sessionId}/images", openApi, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    private static string Sign(ClaimsIdentity subject, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = subject,
        Audience = audience,
        Issuer = CanvasApiFactory.Issuer,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(CanvasApiFactory.JwtSecret)), SecurityAlgorithms.HmacSha256),
    });
}
