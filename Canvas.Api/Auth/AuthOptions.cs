using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Canvas.Api.Auth;

/// <summary>How bearer tokens are checked: Supabase's HS256 project secret, its JWKS, or both during a key rotation.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>HS256 only accepts secrets of at least 256 bits; shorter ones are brute-forceable.</summary>
    public const int MinimumSecretBytes = 32;

    public string? JwtSecret { get; set; }

    public Uri? JwksUrl { get; set; }

    /// <summary>Checked only when set (Supabase: <c>https://&lt;project&gt;.supabase.co/auth/v1</c>).</summary>
    public string? Issuer { get; set; }

    [Required]
    public string Audience { get; set; } = "authenticated";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(JwtSecret) && JwksUrl is null)
        {
            // There is deliberately no way to switch authentication off.
            yield return new ValidationResult(
                "Set Auth:JwtSecret (the Supabase project's JWT secret) or Auth:JwksUrl (its JWKS endpoint).",
                [nameof(JwtSecret), nameof(JwksUrl)]);
        }
        if (!string.IsNullOrEmpty(JwtSecret) && Encoding.UTF8.GetByteCount(JwtSecret) < MinimumSecretBytes)
        {
            yield return new ValidationResult($"Auth:JwtSecret must be at least {MinimumSecretBytes} bytes.", [nameof(JwtSecret)]);
        }
        if (JwksUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)))
        {
            yield return new ValidationResult("Auth:JwksUrl must be an absolute https URL (http only on loopback).", [nameof(JwksUrl)]);
        }
    }
}
