using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Backend.Hosting.Testing;
using Canvas.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Canvas.Api.Tests;

/// <summary>The API trusting a JWKS (Supabase's asymmetric signing keys), served by a small local server.</summary>
public sealed class JwksCanvasApiFactory(LocalDependenciesFixture dependencies) : CanvasApiFactory(dependencies)
{
    private WebApplication? _jwksServer;

    public RsaSecurityKey SigningKey { get; } = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _jwksServer = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(SigningKey.Rsa.ExportParameters(false)) { KeyId = SigningKey.KeyId });
        _jwksServer.MapGet("/auth/v1/.well-known/jwks.json", () => Results.Json(new
        {
            keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } },
        }));
        await _jwksServer.StartAsync();
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Auth:JwksUrl"] = $"{_jwksServer!.Urls.First()}/auth/v1/.well-known/jwks.json";
        settings["Auth:Issuer"] = "https://project.supabase.co/auth/v1";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_jwksServer is not null)
        {
            await _jwksServer.DisposeAsync();
        }
    }
}

public sealed class JwksAuthTests(JwksCanvasApiFactory api) : IClassFixture<JwksCanvasApiFactory>
{
    [Fact]
    public async Task ATokenSignedWithAKeyFromTheJwksIsAccepted()
    {
        var response = await GetSessionsAsync(Sign(api.SigningKey, "https://project.supabase.co/auth/v1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenSignedWithAKeyOutsideTheJwksIsUnauthorized()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };

        var response = await GetSessionsAsync(Sign(stranger, "https://project.supabase.co/auth/v1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenFromAnotherIssuerIsUnauthorized()
    {
        var response = await GetSessionsAsync(Sign(api.SigningKey, "https://elsewhere.example/auth/v1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetSessionsAsync(string token)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/sessions");
    }

    private static string Sign(SecurityKey key, string issuer) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", "user-jwks")]),
        Audience = "authenticated",
        Issuer = issuer,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });
}
