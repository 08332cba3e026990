using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Backend.Hosting.DynamoDb;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>The on-demand table with its keys, global secondary indexes and TTL; kept when the stack is deleted.</summary>
internal sealed class TableResource : StackResource
{
    // What the task store calls (TaskProcessing): conditional writes and queries on the indexes.
    private static readonly string[] Actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"];

    private readonly Table _table;

    public TableResource(Construct scope, DynamoDbTableResource resource) : base(resource)
    {
        var definition = resource.Definition;
        _table = new Table(scope, Id(resource.Name), new TableProps
        {
            PartitionKey = Key(definition.PartitionKey)!,
            SortKey = Key(definition.SortKey),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            TimeToLiveAttribute = definition.TimeToLiveAttribute,
            PointInTimeRecovery = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        foreach (var index in definition.GlobalSecondaryIndexes)
        {
            _table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.IndexName,
                PartitionKey = Key(index.PartitionKey)!,
                SortKey = Key(index.SortKey),
                ProjectionType = Enum.Parse<ProjectionType>(index.Projection.Value),
                NonKeyAttributes = index.NonKeyAttributes.Count > 0 ? [.. index.NonKeyAttributes] : null,
            });
        }
    }

    public override string Output(string name) => name == "TableName" ? _table.TableName : throw UnknownOutput(name);

    public override IEnumerable<PolicyStatement> Permissions() =>
        [Allow(Actions, _table.TableArn, $"{_table.TableArn}/index/*")];

    private static Attribute? Key(Aws.DynamoDbKey? key) => key is null ? null : new Attribute
    {
        Name = key.Name,
        Type = key.Type.Value switch { "S" => AttributeType.STRING, "N" => AttributeType.NUMBER, _ => AttributeType.BINARY },
    };
}
