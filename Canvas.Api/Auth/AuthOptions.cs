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

    /// <summary>
    /// The <c>iss</c> every token must carry (Supabase: <c>https://&lt;project&gt;.supabase.co/auth/v1</c>).
    /// When not set it is derived from a Supabase <see cref="JwksUrl"/>; see <see cref="EffectiveIssuer"/>.
    /// </summary>
    public string? Issuer { get; set; }

    private const string SupabaseJwksPath = "/.well-known/jwks.json";

    /// <summary>
    /// The issuer that is checked: <see cref="Issuer"/>, else the JWKS URL without Supabase's
    /// <c>/.well-known/jwks.json</c> (its issuer). Validation requires one: a token is accepted only
    /// from the project it names, whatever key signed it.
    /// </summary>
    public string? EffectiveIssuer => !string.IsNullOrEmpty(Issuer)
        ? Issuer
        : JwksUrl is { } url && url.AbsolutePath.EndsWith(SupabaseJwksPath, StringComparison.Ordinal)
            ? url.GetLeftPart(UriPartial.Authority) + url.AbsolutePath[..^SupabaseJwksPath.Length]
            : null;

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
        else if (EffectiveIssuer is null)
        {
            // A secret or a JWKS may sign for more than one issuer (or project): which one is ours must be said.
            yield return new ValidationResult(JwksUrl is null
                ? "Set Auth:Issuer, the iss of the project's tokens (Supabase: https://<project>.supabase.co/auth/v1)."
                : "Set Auth:Issuer: it cannot be derived from an Auth:JwksUrl that is not Supabase's (…/auth/v1/.well-known/jwks.json).",
                [nameof(Issuer)]);
        }
    }
}
