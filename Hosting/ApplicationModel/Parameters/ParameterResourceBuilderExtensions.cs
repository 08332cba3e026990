using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting;

/// <summary>Adds parameters.</summary>
public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// Adds a parameter read from configuration <c>Parameters:&lt;name&gt;</c>. When run locally without a value,
    /// a random one is generated and saved to the AppHost's user secrets so it stays the same between runs.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="secret">Whether the value is a secret.</param>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ParameterResource(name, secret));
    }

    /// <summary>Lets the deployment tool generate the value when none is supplied (<c>default.generate</c> in the manifest).</summary>
    /// <param name="builder">The parameter.</param>
    /// <param name="minLength">The minimum length of the generated value.</param>
    public static IResourceBuilder<ParameterResource> WithGeneratedDefault(
        this IResourceBuilder<ParameterResource> builder, int minLength = 22)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 16);
        builder.Resource.GeneratedDefault = new GeneratedValue(minLength);
        return builder;
    }
}
