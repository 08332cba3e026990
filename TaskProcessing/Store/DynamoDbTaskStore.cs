using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Backend.TaskProcessing.Tasks;
using Microsoft.Extensions.Options;
using static Backend.TaskProcessing.Store.TaskItems;
using static Backend.TaskProcessing.Store.TaskTable;

namespace Backend.TaskProcessing.Store;

/// <summary>The task store on DynamoDB <c>task_store</c>: creation, reads, the outbox index; transitions in the other part.</summary>
public sealed partial class DynamoDbTaskStore(IAmazonDynamoDB dynamoDb, IOptions<TaskStoreOptions> options, TimeProvider clock) : ITaskStore
{
    private readonly TaskStoreOptions _options = options.Value;

    public async Task CreateAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = _options.TableName,
                Item = ToItem(task, task.CreatedAt + _options.Retention),
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new() { ["#id"] = TaskId },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new TaskAlreadyExistsException(task.Id);
        }
    }

    public async Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = _options.TableName,
            Key = Key(taskId),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<IReadOnlyList<TaskRecord>> GetManyAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(taskIds.Count, ITaskStore.MaxBatch);
        var found = new List<TaskRecord>(taskIds.Count);
        var keys = taskIds.Distinct(StringComparer.Ordinal).Select(Key).ToList();
        // DynamoDB may hand back part of a batch as unprocessed (throttling); those keys are asked again, backing
        // off, a bounded number of times: a table that stays throttled fails the read (the caller's 503) rather
        // than holding the request until its client gives up.
        for (var request = 1; keys.Count > 0; request++)
        {
            if (request > 1)
            {
                if (request > BatchGetRequests)
                {
                    throw new ProvisionedThroughputExceededException(
                        $"{keys.Count} of {taskIds.Count} keys were still unprocessed after {BatchGetRequests} BatchGetItem requests.");
                }
                await Task.Delay(BatchGetBackoff(request - 1), clock, cancellationToken).ConfigureAwait(false);
            }
            var response = await dynamoDb.BatchGetItemAsync(new BatchGetItemRequest
            {
                RequestItems = new() { [_options.TableName] = new KeysAndAttributes { Keys = keys, ConsistentRead = true } },
            }, cancellationToken).ConfigureAwait(false);
            found.AddRange((response.Responses?.GetValueOrDefault(_options.TableName) ?? []).Select(FromItem));
            keys = response.UnprocessedKeys?.GetValueOrDefault(_options.TableName)?.Keys ?? [];
        }
        return found;
    }

    /// <summary>Requests a batch read makes at most: the first and five more, after 50, 100, 200, 400 and 800 ms (1.55 s in all).</summary>
    public const int BatchGetRequests = 6;

    /// <summary>The wait before the <paramref name="retry"/>th request for unprocessed keys.</summary>
    public static TimeSpan BatchGetBackoff(int retry) => TimeSpan.FromMilliseconds(25 << Math.Clamp(retry, 1, BatchGetRequests - 1));

    public async Task<TaskPage> ListBySessionAsync(string sessionId, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = _options.TableName,
            IndexName = BySessionIndex,
            KeyConditionExpression = "#session = :session",
            ExpressionAttributeNames = new() { ["#session"] = SessionId },
            ExpressionAttributeValues = new() { [":session"] = S(sessionId) },
            ScanIndexForward = false,
            Limit = limit,
            ExclusiveStartKey = ContinuationTokens.Decode(continuationToken, sessionId),
        }, cancellationToken).ConfigureAwait(false);
        return new TaskPage([.. (response.Items ?? []).Select(FromItem)], ContinuationTokens.Encode(response.LastEvaluatedKey));
    }

    public async Task MarkSentAsync(string taskId, CancellationToken cancellationToken) =>
        await TryUpdateAsync(new UpdateItemRequest
        {
            Key = Key(taskId),
            UpdateExpression = "REMOVE #outbox",
            ConditionExpression = "attribute_exists(#id)",
            ExpressionAttributeNames = new() { ["#outbox"] = Outbox, ["#id"] = TaskId },
        }, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> ListUnsentAsync(string queue, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = _options.TableName,
            IndexName = ByOutboxIndex,
            KeyConditionExpression = "#outbox = :queue AND #created < :before",
            ExpressionAttributeNames = new() { ["#outbox"] = Outbox, ["#created"] = CreatedAt },
            ExpressionAttributeValues = new() { [":queue"] = S(queue), [":before"] = S(Timestamp(createdBefore)) },
            Limit = limit,
        }, cancellationToken).ConfigureAwait(false);
        return [.. (response.Items ?? []).Select(item => item[TaskId].S)];
    }

    // DynamoDB rejects names and values that no expression uses; dropping them lets the transitions
    // share one set of placeholders.
    private static void DropUnusedPlaceholders(UpdateItemRequest request)
    {
        var used = PlaceholderPattern().Matches($"{request.UpdateExpression} {request.ConditionExpression}")
            .Select(match => match.Value)
            .ToHashSet(StringComparer.Ordinal);
        request.ExpressionAttributeNames = request.ExpressionAttributeNames?.Where(pair => used.Contains(pair.Key)).ToDictionary();
        request.ExpressionAttributeValues = request.ExpressionAttributeValues?.Where(pair => used.Contains(pair.Key)).ToDictionary();
    }

    [GeneratedRegex("[#:][A-Za-z0-9_]+")]
    private static partial Regex PlaceholderPattern();

    private static Dictionary<string, AttributeValue> Key(string taskId) => new() { [TaskId] = S(taskId) };

    /// <summary>The updated item, or null when the condition did not hold.</summary>
    private async Task<Dictionary<string, AttributeValue>?> TryUpdateAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        request.TableName = _options.TableName;
        request.ReturnValues = ReturnValue.ALL_NEW;
        DropUnusedPlaceholders(request);
        try
        {
            var response = await dynamoDb.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return response.Attributes ?? [];
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
