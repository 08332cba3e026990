using Amazon.DynamoDBv2;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.DynamoDb;
using Backend.Hosting.Emulators;

namespace Aspire.Hosting;

/// <summary>Adds dynalite (DynamoDB locally) and DynamoDB tables to the application.</summary>
public static class DynamoDbTableBuilderExtensions
{
    private static readonly TimeSpan ItemCountInterval = TimeSpan.FromSeconds(5);

    /// <summary>Adds dynalite, the local stand-in for DynamoDB, to which tables are added.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<DynaliteResource> AddDynalite(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var emulator = new DynaliteResource(name);
        return builder.AddNodeEmulator(emulator).WithArgs(context =>
        {
            context.Args.Add(Path.Combine(EmulatorPackages.Directory, "node_modules", "dynalite", "cli.js"));
            context.Args.Add("--host");
            context.Args.Add("127.0.0.1");
            context.Args.Add("--port");
            context.Args.Add(emulator.Endpoint.Property(EndpointProperty.TargetPort));
            // Tables are ACTIVE at once instead of after 500 ms: nothing waits on the CREATING state locally.
            context.Args.Add("--createTableMs");
            context.Args.Add("0");
        });
    }

    /// <summary>Adds a table, created in dynalite once it is healthy and published as a CloudFormation template.</summary>
    /// <param name="emulator">The local stand-in.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="tableName">The table's name, which services' configuration keys use; the resource name when null.</param>
    public static IResourceBuilder<DynamoDbTableResource> AddTable(this IResourceBuilder<DynaliteResource> emulator, [ResourceName] string name, string? tableName = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var table = new DynamoDbTableResource(name, tableName ?? name, emulator.Resource);
        return emulator.AddToStandIn(table, "DynamoDB table", "Table", (services, cancellationToken) => AwsProvisioning.ProvisionAsync(table, services, async ct =>
        {
            if (!table.HasPartitionKey)
            {
                throw new InvalidOperationException($"The table '{table.Name}' has no partition key: call WithPartitionKey in the AppHost.");
            }
            var endpoint = new Uri((await table.Parent.Endpoint.GetValueAsync(ct).ConfigureAwait(false))!);
            using (var dynamoDb = AwsEmulatorClients.CreateDynamoDbClient(endpoint))
            {
                await dynamoDb.EnsureTableAsync(table.Definition, ct).ConfigureAwait(false);
            }
            AwsProvisioning.KeepCurrent(table, services, ItemCountInterval, AwsEmulatorClients.CreateDynamoDbClient(endpoint), async (dynamoDb, token) =>
            {
                var described = await dynamoDb.DescribeTableAsync(table.PhysicalName, token).ConfigureAwait(false);
                return [new ResourcePropertySnapshot("table.item-count", described.Table.ItemCount)];
            });
            var definition = table.Definition;
            return new ProvisionedResource(
                new Dictionary<string, string> { ["TableName"] = table.PhysicalName },
                [new UrlSnapshot("endpoint", endpoint.ToString(), IsInternal: false)],
                [
                    new("table.name", table.PhysicalName),
                    new("table.keys", definition.SortKey is { } sort ? $"{definition.PartitionKey.Name}, {sort.Name}" : definition.PartitionKey.Name),
                    new("table.indexes", string.Join(", ", definition.GlobalSecondaryIndexes.Select(i => i.IndexName))),
                    new("table.time-to-live", definition.TimeToLiveAttribute ?? "off"),
                ]);
        }, cancellationToken));
    }

    /// <summary>Sets the partition (HASH) key and, optionally, the sort (RANGE) key.</summary>
    /// <param name="table">The table.</param>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="sortKey">The sort key, if any.</param>
    public static IResourceBuilder<DynamoDbTableResource> WithPartitionKey(this IResourceBuilder<DynamoDbTableResource> table, DynamoDbKey partitionKey, DynamoDbKey? sortKey = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Resource.Definition = table.Resource.Definition with { PartitionKey = partitionKey, SortKey = sortKey };
        table.Resource.HasPartitionKey = true;
        return table;
    }

    /// <summary>Adds a global secondary index.</summary>
    /// <param name="table">The table.</param>
    /// <param name="indexName">The index name.</param>
    /// <param name="partitionKey">The index's partition key.</param>
    /// <param name="sortKey">The index's sort key, if any.</param>
    /// <param name="projection">Which attributes it holds (ALL when null).</param>
    public static IResourceBuilder<DynamoDbTableResource> WithGlobalSecondaryIndex(
        this IResourceBuilder<DynamoDbTableResource> table, string indexName, DynamoDbKey partitionKey, DynamoDbKey? sortKey = null, ProjectionType? projection = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var index = new DynamoDbGlobalSecondaryIndex(indexName, partitionKey, sortKey) { Projection = projection ?? ProjectionType.ALL };
        table.Resource.Definition = table.Resource.Definition with { GlobalSecondaryIndexes = [.. table.Resource.Definition.GlobalSecondaryIndexes, index] };
        return table;
    }

    /// <summary>Expires items at the epoch seconds in <paramref name="attribute"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="attribute">The expiry attribute.</param>
    public static IResourceBuilder<DynamoDbTableResource> WithTimeToLive(this IResourceBuilder<DynamoDbTableResource> table, string attribute)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Resource.Definition = table.Resource.Definition with { TimeToLiveAttribute = attribute };
        return table;
    }
}
