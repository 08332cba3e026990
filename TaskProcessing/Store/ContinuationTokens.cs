using System.Buffers.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Backend.TaskProcessing.Store;

/// <summary>
/// An opaque paging token: the index's last evaluated key, base64url JSON. It is checked on the way
/// back in, so a forged or foreign token is a 400, not a DynamoDB error.
/// </summary>
internal static class ContinuationTokens
{
    public static string? Encode(Dictionary<string, AttributeValue>? lastKey)
    {
        if (lastKey is not { Count: > 0 })
        {
            return null;
        }
        var plain = lastKey.ToDictionary(pair => pair.Key, pair => pair.Value.S);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(plain));
    }

    public static Dictionary<string, AttributeValue>? Decode(string? token, string sessionId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        Dictionary<string, string>? plain;
        try
        {
            plain = JsonSerializer.Deserialize<Dictionary<string, string>>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new InvalidContinuationTokenException("The continuation token is malformed.", exception);
        }
        string[] expected = [TaskTable.TaskId, TaskTable.SessionId, TaskTable.CreatedAt];
        if (plain is null || plain.Count != expected.Length || !expected.All(name => plain.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)))
        {
            throw new InvalidContinuationTokenException("The continuation token is malformed.");
        }
        if (plain[TaskTable.SessionId] != sessionId)
        {
            throw new InvalidContinuationTokenException("The continuation token belongs to another session.");
        }
        return plain.ToDictionary(pair => pair.Key, pair => TaskItems.S(pair.Value));
    }
}
