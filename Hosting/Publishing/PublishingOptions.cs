using Microsoft.Extensions.Configuration;

namespace Backend.Hosting.Publishing;

/// <summary>
/// The publishing switches, bound from configuration as Aspire does (<c>--publisher</c> → <c>Publishing:Publisher</c>,
/// <c>--output-path</c> → <c>Publishing:OutputPath</c>).
/// </summary>
/// <param name="Publisher">The publisher's name, or null to run locally.</param>
/// <param name="OutputPath">Where to write; relative paths resolve against the AppHost directory.</param>
internal sealed record PublishingOptions(string? Publisher, string? OutputPath)
{
    public const string PublisherKey = "Publishing:Publisher";
    public const string OutputPathKey = "Publishing:OutputPath";

    public static PublishingOptions From(IConfiguration configuration) =>
        new(NullIfEmpty(configuration[PublisherKey]), NullIfEmpty(configuration[OutputPathKey]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
