namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// Asks the local run to mint a development bearer token for calling this project, signed with
/// <see cref="SigningKey"/> the way Supabase signs its access tokens (HS256, audience <c>authenticated</c>).
/// </summary>
/// <param name="signingKey">The parameter holding the JWT secret the project validates tokens with.</param>
/// <param name="subject">The user id (<c>sub</c>) of the token.</param>
public sealed class DevelopmentTokenAnnotation(ParameterResource signingKey, string subject) : IResourceAnnotation
{
    /// <summary>Gets the parameter holding the signing secret.</summary>
    public ParameterResource SigningKey { get; } = signingKey;

    /// <summary>Gets the user id the token is for.</summary>
    public string Subject { get; } = subject;
}
