using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.TaskProcessing.Tasks;

namespace Backend.TaskProcessing.Queues;

/// <summary>Puts a task's message on the queue its type goes to.</summary>
public interface ITaskPublisher
{
    Task PublishAsync(TaskRecord task, CancellationToken cancellationToken);
}

public sealed class SqsTaskPublisher(IAmazonSQS sqs, TaskQueueAddresses queues) : ITaskPublisher
{
    public async Task PublishAsync(TaskRecord task, CancellationToken cancellationToken) =>
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queues.QueueUrl(task.Queue),
            MessageBody = new TaskMessage(task.Id, task.Type).ToJson(),
        }, cancellationToken).ConfigureAwait(false);
}
