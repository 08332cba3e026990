using Backend.Hosting.ApplicationModel;

namespace Backend.Hosting.Publishing;

/// <summary>Writes a description of the application for a deployment tool (the manifest, CloudFormation...).</summary>
public interface IDistributedApplicationPublisher
{
    /// <summary>Publishes the model.</summary>
    /// <param name="model">The validated model, built in publish mode.</param>
    /// <param name="outputPath">The absolute output path given with <c>--output-path</c>.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    Task PublishAsync(DistributedApplicationModel model, string outputPath, CancellationToken cancellationToken);
}
