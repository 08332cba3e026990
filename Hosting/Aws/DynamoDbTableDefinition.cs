using Amazon.DynamoDBv2;

namespace Backend.Hosting.Aws;

/// <summary>A DynamoDB table, billed PAY_PER_REQUEST, described declaratively.</summary>
/// <param name="TableName">The table name.</param>
/// <param name="PartitionKey">The partition (HASH) key.</param>
/// <param name="SortKey">The sort (RANGE) key, if any.</param>
public sealed record DynamoDbTableDefinition(string TableName, DynamoDbKey PartitionKey, DynamoDbKey? SortKey = null)
{
    /// <summary>The global secondary indexes.</summary>
    public IReadOnlyList<DynamoDbGlobalSecondaryIndex> GlobalSecondaryIndexes { get; init; } = [];

    /// <summary>
    /// The attribute holding the epoch-seconds expiry time, when items expire. Kept in the definition
    /// for AWS even though dynalite cannot enable it.
    /// </summary>
    public string? TimeToLiveAttribute { get; init; }
}

/// <summary>A key attribute and its scalar type.</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Type">Its type: <see cref="ScalarAttributeType.S"/>, <see cref="ScalarAttributeType.N"/> or <see cref="ScalarAttributeType.B"/>.</param>
public sealed record DynamoDbKey(string Name, ScalarAttributeType Type)
{
    /// <summary>A string key attribute.</summary>
    /// <param name="name">The attribute.</param>
    public static DynamoDbKey Text(string name) => new(name, ScalarAttributeType.S);

    /// <summary>A number key attribute.</summary>
    /// <param name="name">The attribute.</param>
    public static DynamoDbKey Numeric(string name) => new(name, ScalarAttributeType.N);
}

/// <summary>A global secondary index.</summary>
/// <param name="IndexName">The index name.</param>
/// <param name="PartitionKey">The index's partition key.</param>
/// <param name="SortKey">The index's sort key, if any.</param>
public sealed record DynamoDbGlobalSecondaryIndex(string IndexName, DynamoDbKey PartitionKey, DynamoDbKey? SortKey = null)
{
    /// <summary>Which attributes the index holds: ALL (the default), KEYS_ONLY or INCLUDE.</summary>
    public ProjectionType Projection { get; init; } = ProjectionType.ALL;

    /// <summary>The non-key attributes projected when <see cref="Projection"/> is INCLUDE.</summary>
    public IReadOnlyList<string> NonKeyAttributes { get; init; } = [];
}
