using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Backend.Hosting.LocalRun;

/// <summary>An HS256 JWT shaped like a Supabase access token, for calling the APIs during a local run.</summary>
public static class DevelopmentToken
{
    /// <summary>Creates a token for <paramref name="subject"/> signed with <paramref name="secret"/> (its UTF-8 bytes, as Supabase uses it).</summary>
    /// <param name="secret">The JWT secret.</param>
    /// <param name="subject">The user id.</param>
    /// <param name="lifetime">How long the token is valid.</param>
    public static string Create(string secret, string subject, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["aud"] = "authenticated",
            ["role"] = "authenticated",
            ["iat"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        }));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
