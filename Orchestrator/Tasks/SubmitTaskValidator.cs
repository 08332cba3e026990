using System.Security.Cryptography;
using System.Text.Json;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tasks;

/// <summary>Checks a submit field by field, collecting every problem (a validation ProblemDetails lists them all).</summary>
public static class SubmitTaskValidator
{
    public const string DefaultOutputPrefix = "results/";

    public static ValidSubmission? Validate(SubmitTaskRequest request, string? idempotencyKey, IDictionary<string, string[]> errors)
    {
        if (idempotencyKey is not null && !IsIdempotencyKey(idempotencyKey))
        {
            errors["Idempotency-Key"] = ["The Idempotency-Key header must be 1 to 128 printable ASCII characters."];
        }
        if (request.SessionId is { } sessionId && !IsSessionId(sessionId))
        {
            errors["sessionId"] = ["'sessionId' must be 1 to 128 letters, digits, '-', '_', '.' or ':'."];
        }
        var outputPrefix = request.OutputPrefix ?? DefaultOutputPrefix;
        if (!ObjectKeys.IsValidPrefix(outputPrefix))
        {
            errors["outputPrefix"] = [$"'outputPrefix' {ObjectKeys.Rules}"];
        }
        if (!TaskTypes.IsKnown(request.Type))
        {
            errors["type"] = [$"'type' is required and must be one of {string.Join(", ", TaskTypes.All)}."];
            return null;
        }
        var type = request.Type!;
        var inputKey = request.Input?.Key;
        if (inputKey is null ? TaskTypes.NeedsInput(type) : !ObjectKeys.IsValidKey(inputKey))
        {
            errors["input.key"] = [inputKey is null ? $"'input.key' is required for {type} tasks." : $"'input.key' {ObjectKeys.Rules}"];
        }
        var parameters = TaskParameters.Normalize(type, request.Parameters, errors);
        return errors.Count > 0
            ? null
            : new ValidSubmission(type, request.SessionId, inputKey, outputPrefix, parameters, idempotencyKey,
                Hash(type, request.SessionId, inputKey, outputPrefix, parameters));
    }

    public static bool IsIdempotencyKey(string key) => key.Length is >= 1 and <= 128 && key.All(c => c is >= ' ' and <= '~');

    public static bool IsSessionId(string sessionId) =>
        sessionId.Length is >= 1 and <= 128 && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    // The normalized request: two submits that mean the same task hash the same, whatever their JSON spelling.
    private static string Hash(string type, string? sessionId, string? inputKey, string outputPrefix, JsonElement parameters) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object?[] { type, sessionId, inputKey, outputPrefix, parameters })));
}
