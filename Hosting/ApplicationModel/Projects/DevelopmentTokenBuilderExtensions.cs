using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Extension methods for development tokens.</summary>
public static class DevelopmentTokenBuilderExtensions
{
    /// <summary>
    /// In local runs, prints a development bearer token for calling this project, signed with
    /// <paramref name="signingKey"/>. Nothing is published: production tokens come from Supabase Auth.
    /// </summary>
    /// <param name="builder">The project.</param>
    /// <param name="signingKey">The JWT secret parameter the project validates tokens with.</param>
    /// <param name="subject">The user id of the token.</param>
    public static IResourceBuilder<ProjectResource> WithDevelopmentToken(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource> signingKey, string subject = "local-developer")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(signingKey);
        return builder.WithAnnotation(new DevelopmentTokenAnnotation(signingKey.Resource, subject));
    }
}
