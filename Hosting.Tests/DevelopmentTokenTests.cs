using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Backend.Hosting.Projects;

namespace Backend.Hosting.Tests;

public sealed class DevelopmentTokenTests
{
    private const string Secret = "a-secret-of-at-least-thirty-two-bytes!!";

    [Fact]
    public void ATokenCarriesSupabasesClaimsAndAVerifiableHs256Signature()
    {
        var token = DevelopmentToken.Create(Secret, "user-7", TimeSpan.FromHours(1), issuer: "https://project.supabase.co/auth/v1");

        var parts = token.Split('.');
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("user-7", claims.GetProperty("sub").GetString());
        Assert.Equal("authenticated", claims.GetProperty("aud").GetString());
        Assert.Equal("authenticated", claims.GetProperty("role").GetString());
        Assert.Equal("https://project.supabase.co/auth/v1", claims.GetProperty("iss").GetString());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(expected, Base64Url.DecodeFromChars(parts[2]));
    }

    [Fact]
    public void SecretsTooShortForHs256AreRefused()
    {
        Assert.Throws<ArgumentException>(() => DevelopmentToken.Create("short", "user-1", TimeSpan.FromHours(1)));
    }
}
