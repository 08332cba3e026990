using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Emulators;

namespace Backend.Hosting.DynamoDb;

/// <summary>dynalite, the local DynamoDB emulator, listening on 127.0.0.1 only. Its tables are its children.</summary>
/// <param name="name">The resource name.</param>
public sealed class DynaliteResource(string name) : ExecutableResource(name, "node", EmulatorPackages.Directory)
{
    /// <summary>The endpoint DynamoDB clients use.</summary>
    public EndpointReference Endpoint => new(this, EmulatorResourceBuilderExtensions.EndpointName);
}
