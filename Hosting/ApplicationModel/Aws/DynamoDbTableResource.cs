using Backend.Hosting.Aws;

namespace Backend.Hosting.ApplicationModel.Aws;

/// <summary>A DynamoDB table (on-demand capacity) with its key schema, global secondary indexes and TTL attribute.</summary>
/// <param name="name">The resource name (the <c>AWS__Resources__</c> key).</param>
public sealed class DynamoDbTableResource(string name) : AwsResource<DynamoDbTableAllocation>(name, AwsService.DynamoDb)
{
    private readonly List<DynamoDbGlobalSecondaryIndex> _indexes = [];

    /// <summary>Gets or sets the partition (hash) key.</summary>
    public DynamoDbKey? PartitionKey { get; set; }

    /// <summary>Gets or sets the sort (range) key, if any.</summary>
    public DynamoDbKey? SortKey { get; set; }

    /// <summary>Gets the global secondary indexes.</summary>
    public IReadOnlyList<DynamoDbGlobalSecondaryIndex> GlobalSecondaryIndexes => _indexes;

    /// <summary>Gets or sets the attribute holding each item's expiry (epoch seconds), if any.</summary>
    public string? TimeToLiveAttribute { get; set; }

    /// <summary>Gets every key attribute of the table and its indexes, once each (CloudFormation's AttributeDefinitions).</summary>
    public IReadOnlyList<DynamoDbKey> KeyAttributes =>
        new[] { PartitionKey, SortKey }
            .Concat(_indexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<DynamoDbKey>()
            .DistinctBy(k => k.Name, StringComparer.Ordinal)
            .ToList();

    /// <inheritdoc/>
    public override IReadOnlyList<AwsOutputReference> Outputs => [Output("TableName", a => a.TableName)];

    internal void AddIndex(DynamoDbGlobalSecondaryIndex index)
    {
        if (_indexes.Any(i => i.IndexName == index.IndexName))
        {
            throw new DistributedApplicationException($"{this} already has an index named '{index.IndexName}'.");
        }

        _indexes.Add(index);
    }

    /// <summary>The table as the local emulator creates it, under <paramref name="tableName"/>.</summary>
    /// <param name="tableName">The physical table name.</param>
    public DynamoDbTableDefinition ToDefinition(string tableName) =>
        new(tableName, PartitionKey ?? throw new DistributedApplicationException($"{this} has no partition key: call WithPartitionKey."), SortKey)
        {
            GlobalSecondaryIndexes = _indexes,
            TimeToLiveAttribute = TimeToLiveAttribute,
        };

    internal void Validate()
    {
        if (PartitionKey is null)
        {
            throw new DistributedApplicationException($"{this} has no partition key: call WithPartitionKey.");
        }

        var conflict = new[] { PartitionKey, SortKey }
            .Concat(_indexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<DynamoDbKey>()
            .GroupBy(k => k.Name, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Select(k => k.Type).Distinct().Skip(1).Any());
        if (conflict is not null)
        {
            throw new DistributedApplicationException(
                $"{this} uses the attribute '{conflict.Key}' with different types in its keys.");
        }
    }
}

/// <summary>The table the emulator created.</summary>
/// <param name="TableName">Its physical name, which may carry a suffix.</param>
public sealed record DynamoDbTableAllocation(string TableName);
