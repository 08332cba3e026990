using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.Publishing;

/// <summary>
/// Writes the Aspire 8.0 manifest (<c>--publisher manifest</c>) and, beside it in <c>cloudformation/</c>,
/// the CloudFormation template of each AWS resource, which the manifest names as <c>aws.cloudformation.template.v0</c>.
/// </summary>
public sealed class ManifestPublisher : IDistributedApplicationPublisher
{
    /// <summary>The publisher's name on the command line.</summary>
    public const string Name = "manifest";

    /// <summary>The folder, beside the manifest, that receives the CloudFormation templates.</summary>
    public const string TemplatesFolder = "cloudformation";

    /// <inheritdoc/>
    public async Task PublishAsync(DistributedApplicationModel model, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var manifestDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        var manifest = await new ManifestWriter(model, manifestDirectory).WriteAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(manifestDirectory);

        foreach (var (relativePath, content) in manifest.Files)
        {
            var path = Path.Combine(manifestDirectory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(outputPath, manifest.Json, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A written manifest and the files it refers to.</summary>
/// <param name="Json">The manifest text.</param>
/// <param name="Files">The referenced files (CloudFormation templates) by path relative to the manifest.</param>
internal sealed record ManifestOutput(string Json, IReadOnlyDictionary<string, string> Files);
