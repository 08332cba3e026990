using System.Text.Json.Nodes;
using Backend.Hosting.DynamoDb;
using Backend.Hosting.Ec2;
using Backend.Hosting.S3;
using Backend.Hosting.Sqs;
using static Publishing.Tests.Template;

namespace Publishing.Tests;

/// <summary>
/// Each service has its own task role with exactly what its references in the model need, and an execution role that
/// pulls only its image, writes only its log group and reads only its own secrets. Nothing is granted on "*" except
/// what AWS cannot narrow.
/// </summary>
public sealed class RoleTests(PublishedApplication stack, PublishedModel model)
{
    private static readonly string[] QueueActions = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];
    private static readonly string[] TableActions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"];
    private static readonly string[] ObjectActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];

    // The only actions AWS offers no narrower resource for.
    private static readonly string[] ActionsAllowedOnEverything =
        ["ec2:DescribeInstances", "ecr:GetAuthorizationToken", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "ecs:DiscoverPollEndpoint"];

    [Fact]
    public void EachTaskRoleGrantsExactlyWhatTheServicesReferencesNeed()
    {
        foreach (var project in model.Projects)
        {
            var expected = PublishedModel.AwsReferences(project).SelectMany(Permissions).Concat(Telemetry()).ToHashSet();
            var role = RoleOf(TaskOf(stack, project.Name).Task, "TaskRoleArn");
            Assert.Equal(expected.Order(StringComparer.Ordinal), Statements(stack, role).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task EachExecutionRolePullsItsImageWritesItsLogsAndReadsOnlyItsSecrets()
    {
        foreach (var project in model.Projects)
        {
            var container = Container(stack, project.Name);
            var secretArns = (await PublishedModel.SecretsAsync(project)).Keys
                .Select(name => container["Secrets"]!.AsArray().Single(s => s!["Name"]!.GetValue<string>() == name)!["ValueFrom"]!);
            var logGroup = LogicalId(stack, "AWS::Logs::LogGroup", Pascal(project.Name) + "Logs");
            string[] expected =
            [
                Statement(["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], [Arn("ecr", $"repository/{PublishedApplication.StackName}/{project.Name}")]),
                Statement(["ecr:GetAuthorizationToken"], ["*"]),
                Statement(["logs:CreateLogStream", "logs:PutLogEvents"], [GetAtt(logGroup, "Arn")]),
                .. secretArns.Select(arn => Statement(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], [arn.DeepClone()])),
            ];
            var role = RoleOf(TaskOf(stack, project.Name).Task, "ExecutionRoleArn");
            Assert.Equal(expected.Order(StringComparer.Ordinal), Statements(stack, role).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void NothingIsGrantedOnEverythingButWhatAwsCannotNarrow()
    {
        var statements = stack.OfType("AWS::IAM::Policy").SelectMany(p => p.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray());
        foreach (var statement in statements.Where(s => AsList(s!["Resource"]!).Any(r => r!.ToJsonString() == "\"*\"")))
        {
            Assert.All(AsList(statement!["Action"]!), action => Assert.Contains(action!.GetValue<string>(), ActionsAllowedOnEverything));
        }
    }

    private IEnumerable<string> Permissions(Backend.Hosting.Aws.AwsResource resource)
    {
        switch (resource)
        {
            case SqsQueueResource queue:
                var id = LogicalId(stack, "AWS::SQS::Queue", Pascal(queue.Name));
                var deadLetters = LogicalId(stack, "AWS::SQS::Queue", Pascal(queue.Name) + "DeadLetters");
                yield return Statement(QueueActions, [GetAtt(id, "Arn"), GetAtt(deadLetters, "Arn")]);
                break;
            case DynamoDbTableResource table:
                var tableId = LogicalId(stack, "AWS::DynamoDB::Table", Pascal(table.Name));
                yield return Statement(TableActions, [GetAtt(tableId, "Arn"), Join(GetAtt(tableId, "Arn"), "/index/*")]);
                break;
            case S3BucketResource bucket:
                var bucketId = LogicalId(stack, "AWS::S3::Bucket", Pascal(bucket.Name));
                yield return Statement(ObjectActions, [Join(GetAtt(bucketId, "Arn"), "/*")]);
                yield return Statement(["s3:ListBucket"], [GetAtt(bucketId, "Arn")]);
                break;
            case Ec2InstanceResource instance:
                var instanceId = LogicalId(stack, "AWS::EC2::Instance", Pascal(instance.Name));
                yield return Statement(["ec2:StartInstances", "ec2:StopInstances"], [Arn("ec2", "instance/", Ref(instanceId))]);
                yield return Statement(["ec2:DescribeInstances"], ["*"]);
                break;
            default:
                throw new InvalidOperationException($"No expectation for {resource.GetType().Name}.");
        }
    }

    private static IEnumerable<string> Telemetry()
    {
        yield return Statement(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], ["*"]);
        var group = Arn("logs", "log-group:/aws/ecs/application/metrics");
        var streams = Arn("logs", "log-group:/aws/ecs/application/metrics:log-stream:*");
        yield return Statement(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], [group, streams]);
    }

    private static JsonObject Join(params JsonNode[] parts) => new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray(parts)) };

    // arn:${Partition}:{service}:${Region}:${AccountId}:{resource}[token], as the CDK renders a string of pseudo parameters.
    private static JsonObject Arn(string service, string resource, JsonNode? token = null)
    {
        var parts = new JsonArray("arn:", Ref("AWS::Partition"), $":{service}:", Ref("AWS::Region"), ":", Ref("AWS::AccountId"), $":{resource}");
        if (token is not null)
        {
            parts.Add(token);
        }

        return new JsonObject { ["Fn::Join"] = new JsonArray("", parts) };
    }
}
