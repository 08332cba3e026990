using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Backend.Hosting.Aws;
using Backend.Hosting.Testing;

namespace Backend.Hosting.Tests;

public sealed class DynamoDbTests(LocalDependenciesFixture dependencies)
{
    private static readonly DynamoDbTableDefinition TaskStore = new("task_store", new DynamoDbKey("pk", ScalarAttributeType.S))
    {
        GlobalSecondaryIndexes = [new DynamoDbGlobalSecondaryIndex("by_status", new DynamoDbKey("status", ScalarAttributeType.S), new DynamoDbKey("created_at", ScalarAttributeType.N))],
        TimeToLiveAttribute = "expires_at",
    };

    private IAmazonDynamoDB DynamoDb => dependencies.DynamoDb;

    [Fact]
    public async Task ConditionalPutFailsWhenTheItemAlreadyExists()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var table = await dependencies.CreateTableAsync(TaskStore, cancellationToken);
        var put = new PutItemRequest
        {
            TableName = table,
            Item = Task("task-1", "queued", 1),
            ConditionExpression = "attribute_not_exists(pk)",
        };

        await DynamoDb.PutItemAsync(put, cancellationToken);
        var second = () => DynamoDb.PutItemAsync(put, cancellationToken);

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(second);
    }

    [Fact]
    public async Task GlobalSecondaryIndexQueryFindsItemsByStatusInCreationOrder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var table = await dependencies.CreateTableAsync(TaskStore, cancellationToken);
        foreach (var item in (Dictionary<string, AttributeValue>[])[Task("b", "queued", 20), Task("a", "running", 10), Task("c", "queued", 5)])
        {
            await DynamoDb.PutItemAsync(table, item, cancellationToken);
        }

        var queued = await DynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = "by_status",
            KeyConditionExpression = "#status = :status",
            ExpressionAttributeNames = new() { ["#status"] = "status" },
            ExpressionAttributeValues = new() { [":status"] = new AttributeValue { S = "queued" } },
        }, cancellationToken);

        Assert.Equal(["c", "b"], queued.Items.Select(i => i["pk"].S));
    }

    [Fact]
    public async Task EnsuringAnExistingTableSucceeds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var table = await dependencies.CreateTableAsync(TaskStore, cancellationToken);

        await DynamoDb.EnsureTableAsync(TaskStore with { TableName = table }, cancellationToken);

        var described = await DynamoDb.DescribeTableAsync(table, cancellationToken);
        Assert.Equal(TableStatus.ACTIVE, described.Table.TableStatus);
    }

    private static Dictionary<string, AttributeValue> Task(string id, string status, int createdAt) => new()
    {
        ["pk"] = new AttributeValue { S = id },
        ["status"] = new AttributeValue { S = status },
        ["created_at"] = new AttributeValue { N = createdAt.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}
