using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;
using Backend.Hosting.Emulators;
using Backend.Hosting.Sqs;

namespace Aspire.Hosting;

/// <summary>Adds fauxqs (SQS and S3 locally) and SQS queues to the application.</summary>
public static class SqsQueueBuilderExtensions
{
    /// <summary>Adds fauxqs, the local stand-in for SQS and S3, to which queues and buckets are added.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<FauxqsResource> AddFauxqs(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var emulator = new FauxqsResource(name);
        return builder.AddNodeEmulator(emulator)
            .WithArgs(context =>
            {
                context.Args.Add(Path.Combine(EmulatorPackages.Directory, "fauxqs-launcher.mjs"));
                context.Args.Add(emulator.Endpoint.Property(EndpointProperty.TargetPort));
            });
    }

    /// <summary>Adds a standard queue, created in fauxqs once it is healthy and published as a CloudFormation template.</summary>
    /// <param name="emulator">The local stand-in.</param>
    /// <param name="name">The resource name (letters, digits and hyphens).</param>
    /// <param name="queueName">The queue's name, which services' configuration keys use; the resource name when null.</param>
    public static IResourceBuilder<SqsQueueResource> AddQueue(this IResourceBuilder<FauxqsResource> emulator, [ResourceName] string name, string? queueName = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var queue = new SqsQueueResource(name, new SqsQueueDefinition(queueName ?? name) { MaxReceiveCount = null }, emulator.Resource);
        return emulator.AddToStandIn(queue, "SQS queue", "MailInbox",
                (services, cancellationToken) => SqsQueueProvisioner.ProvisionAsync(queue, services, cancellationToken),
                new ResourcePropertySnapshot("queue.name", queue.PhysicalName))
            .WithQueueCommands();
    }

    /// <summary>Gives the queue a dead-letter queue (<c>&lt;name&gt;-dlq</c>) that takes messages received <paramref name="maxReceiveCount"/> times.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="maxReceiveCount">Receives before a message is dead-lettered.</param>
    public static IResourceBuilder<SqsQueueResource> WithDeadLetterQueue(this IResourceBuilder<SqsQueueResource> queue, int maxReceiveCount = 5)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        queue.Resource.Definition = queue.Resource.Definition with { MaxReceiveCount = maxReceiveCount };
        return queue;
    }

    /// <summary>Sets how long a received message stays invisible to other consumers.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="timeout">The visibility timeout (0 to 12 hours).</param>
    public static IResourceBuilder<SqsQueueResource> WithVisibilityTimeout(this IResourceBuilder<SqsQueueResource> queue, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromHours(12));
        queue.Resource.Definition = queue.Resource.Definition with { VisibilityTimeout = timeout };
        return queue;
    }
}
