using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Emulators;

namespace Backend.Hosting.Sqs;

/// <summary>
/// fauxqs, the local SQS and S3 emulator (memory only), started from our launcher so that it listens on 127.0.0.1
/// only. Its queues and buckets are its children, created once it is healthy.
/// </summary>
/// <param name="name">The resource name.</param>
public sealed class FauxqsResource(string name) : ExecutableResource(name, "node", EmulatorPackages.Directory)
{
    /// <summary>The endpoint both SQS and S3 clients use (S3 path-style).</summary>
    public EndpointReference Endpoint => new(this, EmulatorResourceBuilderExtensions.EndpointName);
}
