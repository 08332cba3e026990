using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Backend.Hosting.Aws;

/// <summary>Creates DynamoDB tables from <see cref="DynamoDbTableDefinition"/>s.</summary>
public static class DynamoDbTables
{
    /// <summary>
    /// Creates the table (an existing one is fine), waits until it and its indexes are ACTIVE, and
    /// turns on time to live when the definition has a TTL attribute and the server supports it.
    /// </summary>
    public static async Task EnsureTableAsync(this IAmazonDynamoDB dynamoDb, DynamoDbTableDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(definition);
        try
        {
            await dynamoDb.CreateTableAsync(ToRequest(definition), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Idempotent: it exists already.
        }
        await WaitUntilActiveAsync(dynamoDb, definition.TableName, cancellationToken).ConfigureAwait(false);
        if (definition.TimeToLiveAttribute is { } ttlAttribute)
        {
            await EnableTimeToLiveAsync(dynamoDb, definition.TableName, ttlAttribute, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            while (true)
            {
                var table = (await dynamoDb.DescribeTableAsync(tableName, deadline.Token).ConfigureAwait(false)).Table;
                if (table.TableStatus == TableStatus.ACTIVE && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
                {
                    return;
                }
                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"DynamoDB table {tableName} did not become ACTIVE within 2 minutes.");
        }
    }

    private static async Task EnableTimeToLiveAsync(IAmazonDynamoDB dynamoDb, string tableName, string attribute, CancellationToken cancellationToken)
    {
        var current = await dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false);
        if (current.TimeToLiveDescription?.TimeToLiveStatus == TimeToLiveStatus.ENABLED && current.TimeToLiveDescription.AttributeName == attribute)
        {
            return; // DynamoDB rejects enabling it twice.
        }
        try
        {
            await dynamoDb.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException ex) when (ex.ErrorCode == "UnknownOperationException")
        {
            // dynalite implements DescribeTimeToLive but not UpdateTimeToLive, and never expires items
            // anyway. Skipping keeps one definition for the emulator and AWS; code must not rely on
            // TTL deleting items promptly (DynamoDB itself takes up to days), so nothing is lost.
        }
    }

    private static CreateTableRequest ToRequest(DynamoDbTableDefinition definition)
    {
        var indexes = definition.GlobalSecondaryIndexes;
        var keys = new[] { definition.PartitionKey, definition.SortKey }
            .Concat(indexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<DynamoDbKey>()
            .DistinctBy(k => k.Name);
        return new CreateTableRequest
        {
            TableName = definition.TableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = KeySchema(definition.PartitionKey, definition.SortKey),
            AttributeDefinitions = [.. keys.Select(k => new AttributeDefinition(k.Name, k.Type))],
            GlobalSecondaryIndexes = indexes.Count == 0 ? null : [.. indexes.Select(i => new GlobalSecondaryIndex
            {
                IndexName = i.IndexName,
                KeySchema = KeySchema(i.PartitionKey, i.SortKey),
                Projection = new Projection
                {
                    ProjectionType = i.Projection,
                    NonKeyAttributes = i.Projection == ProjectionType.INCLUDE ? [.. i.NonKeyAttributes] : null,
                },
            })],
        };
    }

    private static List<KeySchemaElement> KeySchema(DynamoDbKey partitionKey, DynamoDbKey? sortKey) =>
        sortKey is null
            ? [new KeySchemaElement(partitionKey.Name, KeyType.HASH)]
            : [new KeySchemaElement(partitionKey.Name, KeyType.HASH), new KeySchemaElement(sortKey.Name, KeyType.RANGE)];
}
