using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using static Backend.Orchestrator.Gpu.GpuSharedStateItem;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The leader lease and the shared controller state, as conditional writes to one DynamoDB item
/// (no transactions: dynalite has none, and one item needs none). Only the lease holder's writes of
/// the idle clock and decisions succeed, so a replica that lost its lease mid-poll cannot overwrite
/// the new leader's state.
/// </summary>
internal sealed class GpuSharedStateStore(IAmazonDynamoDB dynamoDb, IOptions<GpuOptions> options)
{
    private string TableName => options.Value.TableName;

    /// <summary>
    /// Takes or renews the lease: succeeds when nobody holds it, this replica holds it, or the holder's
    /// lease has expired by this replica's clock. Either way returns the shared state as it now is.
    /// </summary>
    public async Task<(bool Leader, GpuSharedState State)> TryAcquireAsync(
        string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = ItemKey,
                UpdateExpression = "SET #owner = :me, #expires = :expires",
                ConditionExpression = "attribute_not_exists(#owner) OR #owner = :me OR #expires < :now",
                ExpressionAttributeNames = new() { ["#owner"] = LeaseOwner, ["#expires"] = LeaseExpiresAt },
                ExpressionAttributeValues = new() { [":me"] = S(owner), [":expires"] = N(expiresAt), [":now"] = N(now) },
                ReturnValues = ReturnValue.ALL_NEW,
            }, cancellationToken).ConfigureAwait(false);
            return (true, FromItem(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            return (false, await ReadAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public async Task<GpuSharedState> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest { TableName = TableName, Key = ItemKey, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return FromItem(response.Item);
    }

    /// <summary>Records a poll's outcome if this replica still holds the lease; false if it has lost it.</summary>
    public async Task<bool> SaveAsync(
        string owner, DateTimeOffset? idleSince, GpuDecision decision, GpuDecision? action, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#owner"] = LeaseOwner, ["#idle"] = IdleSince, ["#decision"] = Decision };
        var values = new Dictionary<string, AttributeValue> { [":me"] = S(owner), [":decision"] = FromDecision(decision) };
        var set = new List<string> { "#decision = :decision" };
        if (idleSince is { } since)
        {
            set.Add("#idle = :idle");
            values[":idle"] = N(since);
        }
        if (action is not null)
        {
            set.Add("#action = :action");
            names["#action"] = LastAction;
            values[":action"] = FromDecision(action);
        }
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = ItemKey,
                UpdateExpression = $"SET {string.Join(", ", set)}" + (idleSince is null ? " REMOVE #idle" : ""),
                ConditionExpression = "#owner = :me",
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Records an operator's command for whichever replica leads; a stop also sets (and a start lifts) the hold on automatic starts.</summary>
    public Task RequestAsync(GpuManualRequest request, DateTimeOffset? holdUntil, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":id"] = S(request.Id), [":command"] = S(request.Command.ToString()), [":at"] = N(request.At), [":by"] = S(request.By),
        };
        var update = $"SET {RequestId} = :id, {RequestCommand} = :command, {RequestAt} = :at, {RequestBy} = :by";
        if (holdUntil is { } until)
        {
            update += $", {HoldUntil} = :hold";
            values[":hold"] = N(until);
        }
        else
        {
            update += $" REMOVE {HoldUntil}";
        }
        return dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = TableName, Key = ItemKey, UpdateExpression = update, ExpressionAttributeValues = values,
        }, cancellationToken);
    }

    /// <summary>Forgets a command once carried out, unless a newer one has replaced it meanwhile.</summary>
    public async Task ClearRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = ItemKey,
                UpdateExpression = $"REMOVE {RequestId}, {RequestCommand}, {RequestAt}, {RequestBy}",
                ConditionExpression = $"{RequestId} = :id",
                ExpressionAttributeValues = new() { [":id"] = S(requestId) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // A newer command arrived: it stays for the next poll.
        }
    }

    /// <summary>Gives the lease up (on shutdown), so that another replica takes over on its next poll rather than after expiry.</summary>
    public async Task ReleaseAsync(string owner, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = TableName,
                Key = ItemKey,
                UpdateExpression = "SET #expires = :zero",
                ConditionExpression = "#owner = :me",
                ExpressionAttributeNames = new() { ["#owner"] = LeaseOwner, ["#expires"] = LeaseExpiresAt },
                ExpressionAttributeValues = new() { [":me"] = S(owner), [":zero"] = new AttributeValue { N = "0" } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else holds it already.
        }
    }
}
