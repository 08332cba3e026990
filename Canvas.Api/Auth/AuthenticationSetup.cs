using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Canvas.Api.Auth;

internal static class AuthenticationSetup
{
    private const string JwksClientName = "jwks";

    public static IHostApplicationBuilder AddCanvasAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The JWKS fetch must not go through service discovery or retry storms; a plain client is enough.
        builder.Services.AddHttpClient(JwksClientName).RemoveAllResilienceHandlers();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IHttpClientFactory>(Configure);
        builder.Services.AddAuthorization();
        return builder;
    }

    private static void Configure(JwtBearerOptions jwt, IOptions<AuthOptions> authOptions, IHttpClientFactory httpClients)
    {
        var auth = authOptions.Value;
        // Keep claim names as Supabase writes them: `sub` stays `sub`.
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = false;
        // A 401 says no more than "invalid_token": why a token failed (expired, wrong key, wrong audience)
        // helps whoever is probing tokens, not a legitimate client, which simply signs in again. It is logged.
        jwt.IncludeErrorDetails = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudience = auth.Audience,
            ValidateAudience = true,
            ValidIssuer = auth.EffectiveIssuer,
            ValidateIssuer = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = CurrentUser.SubjectClaim,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKeys = string.IsNullOrEmpty(auth.JwtSecret)
                ? []
                : [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.JwtSecret))],
        };

        if (auth.JwksUrl is { } jwksUrl)
        {
            // The handler adds the configuration's signing keys to IssuerSigningKeys, so an HS256 secret
            // and a JWKS can both be trusted while a project migrates between them.
            jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                jwksUrl.AbsoluteUri,
                new JwksRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient(JwksClientName)) { RequireHttps = !jwksUrl.IsLoopback });
        }

        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.FindFirst(CurrentUser.SubjectClaim)?.Value is not { Length: > 0 })
                {
                    // Supabase's anon and service-role keys are valid JWTs without a user: they are not users.
                    context.Fail("The token names no user (sub).");
                }
                return Task.CompletedTask;
            },
        };
    }
}
