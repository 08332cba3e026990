using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Amazon.Runtime;

namespace Backend.ServiceDefaults.Aws;

/// <summary>
/// Tags a span with the queue, table, bucket or instance a request addresses. SDK request types name
/// these consistently (<c>QueueUrl</c>, <c>TableName</c>, <c>BucketName</c>, <c>Key</c>, <c>InstanceIds</c>),
/// so one cached property lookup per request type covers every operation of every service.
/// </summary>
internal static class AwsResourceTags
{
    private static readonly (string Property, string Tag)[] Known =
    [
        ("QueueUrl", "aws.sqs.queue.url"),
        ("TableName", "aws.dynamodb.table_names"),
        ("IndexName", "aws.dynamodb.index_name"),
        ("BucketName", "aws.s3.bucket"),
        ("Key", "aws.s3.key"),
        ("InstanceIds", "aws.ec2.instance_ids"),
    ];

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Tag)[]> PropertiesByType = new();

    public static void Add(Activity activity, AmazonWebServiceRequest request)
    {
        foreach (var (property, tag) in PropertiesByType.GetOrAdd(request.GetType(), Find))
        {
            switch (property.GetValue(request))
            {
                case string { Length: > 0 } text:
                    activity.SetTag(tag, text);
                    if (tag == "aws.sqs.queue.url")
                    {
                        activity.SetTag("messaging.system", "aws_sqs");
                        activity.SetTag("messaging.destination.name", SqsTraceContext.QueueName(text));
                    }
                    break;
                case IEnumerable<string> values when values.Any():
                    activity.SetTag(tag, string.Join(',', values));
                    break;
            }
        }
    }

    private static (PropertyInfo, string)[] Find(Type requestType) =>
        [.. Known
            .Select(known => (Property: requestType.GetProperty(known.Property, BindingFlags.Public | BindingFlags.Instance), known.Tag))
            .Where(found => found.Property is not null)
            .Select(found => (found.Property!, found.Tag))];
}
