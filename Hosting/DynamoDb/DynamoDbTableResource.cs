using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Emulators;
using Backend.Hosting.Publishing.CloudFormation;

namespace Backend.Hosting.DynamoDb;

/// <summary>A DynamoDB table (on demand) with its keys, global secondary indexes and time to live.</summary>
/// <param name="name">The resource name.</param>
/// <param name="tableName">The table's name, which services' configuration keys use.</param>
/// <param name="emulator">The local stand-in it lives in.</param>
public sealed class DynamoDbTableResource(string name, string tableName, DynaliteResource emulator)
    : AwsResource(name, tableName), IResourceWithParent<DynaliteResource>
{
    /// <summary>The table as declared; its partition key must be set before the application starts.</summary>
    public DynamoDbTableDefinition Definition { get; internal set; } = new(tableName, DynamoDbKey.Text("id"));

    internal bool HasPartitionKey { get; set; }

    /// <inheritdoc />
    public DynaliteResource Parent { get; } = emulator;

    /// <inheritdoc />
    public override string ServiceId => "DYNAMODB";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputNames { get; } = ["TableName"];

    /// <inheritdoc />
    public override object LocalEndpoint => Parent.Url();

    /// <inheritdoc />
    public override JsonObject CreateTemplate() => DynamoDbTableTemplate.For(Name, Definition);
}
