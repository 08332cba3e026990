using Amazon.DynamoDBv2;
using Backend.Hosting.Aws;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting;

/// <summary>Adds AWS resources: queues, tables, buckets and instances.</summary>
public static class AwsBuilderExtensions
{
    /// <summary>Adds an SQS queue.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<SqsQueueResource> AddSqsQueue(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new SqsQueueResource(name));
    }

    /// <summary>Gives the queue a dead-letter queue that receives a message after <paramref name="maxReceiveCount"/> failed receives.</summary>
    /// <param name="builder">The queue.</param>
    /// <param name="maxReceiveCount">Receives before the move (1 to 1000).</param>
    public static IResourceBuilder<SqsQueueResource> WithDeadLetterQueue(this IResourceBuilder<SqsQueueResource> builder, int maxReceiveCount)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxReceiveCount, 1000);
        builder.Resource.RedrivePolicy = new SqsRedrivePolicy(maxReceiveCount);
        return builder;
    }

    /// <summary>Sets how long a received message stays invisible to other consumers (whole seconds, at most 12 hours).</summary>
    /// <param name="builder">The queue.</param>
    /// <param name="timeout">The visibility timeout.</param>
    public static IResourceBuilder<SqsQueueResource> WithVisibilityTimeout(this IResourceBuilder<SqsQueueResource> builder, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (timeout < TimeSpan.Zero || timeout > TimeSpan.FromHours(12) || timeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "SQS visibility timeouts are whole seconds from 0 to 12 hours.");
        }

        builder.Resource.VisibilityTimeout = timeout;
        return builder;
    }

    /// <summary>Adds a DynamoDB table; give it a partition key with <see cref="WithPartitionKey"/>.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<DynamoDbTableResource> AddDynamoDbTable(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new DynamoDbTableResource(name));
    }

    /// <summary>Sets the table's partition key and, optionally, its sort key.</summary>
    /// <param name="builder">The table.</param>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="sortKey">The sort key.</param>
    public static IResourceBuilder<DynamoDbTableResource> WithPartitionKey(
        this IResourceBuilder<DynamoDbTableResource> builder, DynamoDbKey partitionKey, DynamoDbKey? sortKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.PartitionKey = partitionKey ?? throw new ArgumentNullException(nameof(partitionKey));
        builder.Resource.SortKey = sortKey;
        return builder;
    }

    /// <summary>Adds a global secondary index.</summary>
    /// <param name="builder">The table.</param>
    /// <param name="indexName">The index name.</param>
    /// <param name="partitionKey">The index's partition key.</param>
    /// <param name="sortKey">The index's sort key.</param>
    /// <param name="projection">Which attributes the index holds; all of them by default.</param>
    public static IResourceBuilder<DynamoDbTableResource> WithGlobalSecondaryIndex(
        this IResourceBuilder<DynamoDbTableResource> builder,
        string indexName,
        DynamoDbKey partitionKey,
        DynamoDbKey? sortKey = null,
        ProjectionType? projection = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        ArgumentNullException.ThrowIfNull(partitionKey);
        builder.Resource.AddIndex(new DynamoDbGlobalSecondaryIndex(indexName, partitionKey, sortKey) { Projection = projection ?? ProjectionType.ALL });
        return builder;
    }

    /// <summary>Expires items at the epoch-seconds time in <paramref name="attributeName"/>.</summary>
    /// <param name="builder">The table.</param>
    /// <param name="attributeName">The TTL attribute.</param>
    public static IResourceBuilder<DynamoDbTableResource> WithTimeToLive(this IResourceBuilder<DynamoDbTableResource> builder, string attributeName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(attributeName);
        builder.Resource.TimeToLiveAttribute = attributeName;
        return builder;
    }

    /// <summary>Adds an S3 bucket.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<S3BucketResource> AddS3Bucket(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new S3BucketResource(name));
    }

    /// <summary>Adds an EC2 instance; say what runs on it with <see cref="RunsOn"/>.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="instanceType">The instance type, e.g. <c>g5.xlarge</c>.</param>
    public static IResourceBuilder<Ec2InstanceResource> AddEc2Instance(this IDistributedApplicationBuilder builder, string name, string instanceType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceType);
        return builder.AddResource(new Ec2InstanceResource(name, instanceType));
    }

    /// <summary>
    /// Runs the project on the instance: it is not started with the application, but whenever the instance is
    /// started (locally, by the EC2 endpoint's state machine), and stopped with it.
    /// </summary>
    /// <param name="builder">The project.</param>
    /// <param name="instance">The instance.</param>
    public static IResourceBuilder<ProjectResource> RunsOn(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<Ec2InstanceResource> instance)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(instance);
        if (builder.Resource.Annotations.OfType<RunsOnAnnotation>().FirstOrDefault() is { } existing)
        {
            throw new DistributedApplicationException($"{builder.Resource} already runs on {existing.Instance}.");
        }

        instance.Resource.AddWorkload(builder.Resource);
        return builder.WithAnnotation(new RunsOnAnnotation(instance.Resource));
    }
}
