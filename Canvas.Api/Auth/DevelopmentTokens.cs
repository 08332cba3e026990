using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Canvas.Api.Auth;

/// <summary>
/// Mints tokens shaped like Supabase's access tokens (HS256, <c>sub</c>, <c>role</c>, audience
/// <c>authenticated</c>) for local runs and tests. It needs the project's secret, so it grants nothing
/// that the secret's holder could not already do.
/// </summary>
public static class DevelopmentTokens
{
    public static string Create(
        string secret,
        string userId,
        TimeSpan lifetime,
        string audience = "authenticated",
        string? issuer = null,
        DateTimeOffset? issuedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (Encoding.UTF8.GetByteCount(secret) < AuthOptions.MinimumSecretBytes)
        {
            throw new ArgumentException($"The secret must be at least {AuthOptions.MinimumSecretBytes} bytes.", nameof(secret));
        }
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A token needs a positive lifetime; pass an earlier issuedAt for an expired one.");
        }

        var issued = (issuedAt ?? DateTimeOffset.UtcNow).UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(CurrentUser.SubjectClaim, userId), new Claim("role", "authenticated")]),
            Audience = audience,
            Issuer = issuer,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
