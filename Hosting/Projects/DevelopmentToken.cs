using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Backend.Hosting.Projects;

/// <summary>
/// Mints HS256 JWTs shaped like Supabase access tokens (<c>sub</c>, <c>role</c>, audience
/// <c>authenticated</c>) for local runs and tests. It needs the project's JWT secret, so it grants
/// nothing the secret's holder could not already do.
/// </summary>
public static class DevelopmentToken
{
    /// <summary>The shortest HS256 secret accepted (Supabase's are longer; JWT libraries refuse shorter keys).</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>Creates a token for <paramref name="subject"/> signed with the UTF-8 bytes of <paramref name="secret"/>, as Supabase signs.</summary>
    /// <param name="secret">The JWT secret.</param>
    /// <param name="subject">The user id.</param>
    /// <param name="lifetime">How long the token is valid after it was issued.</param>
    /// <param name="audience">The audience; Supabase's is <c>authenticated</c>.</param>
    /// <param name="issuer">The issuer, if any.</param>
    /// <param name="issuedAt">When it was issued; an earlier time makes an expired token.</param>
    public static string Create(
        string secret, string subject, TimeSpan lifetime, string audience = "authenticated", string? issuer = null, DateTimeOffset? issuedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (Encoding.UTF8.GetByteCount(secret) < MinimumSecretBytes)
        {
            throw new ArgumentException($"The secret must be at least {MinimumSecretBytes} bytes.", nameof(secret));
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        var issued = (issuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["aud"] = audience,
            ["role"] = "authenticated",
            ["iat"] = issued,
            ["nbf"] = issued,
            ["exp"] = issued + (long)lifetime.TotalSeconds,
        };
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }
}
