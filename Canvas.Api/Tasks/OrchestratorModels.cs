using System.Text.Json;
using System.Text.Json.Serialization;

namespace Canvas.Api.Tasks;

/// <summary>The orchestrator's task, as docs/orchestrator-api.md describes it.</summary>
internal sealed record OrchestratorTask(
    string Id,
    string Type,
    string Status,
    string? SessionId,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Error,
    OrchestratorTaskResult? Result);

internal sealed record OrchestratorTaskResult(string? Key, string? ContentType, int? Width, int? Height, long? Size);

internal sealed record OrchestratorTaskBatch(List<OrchestratorTask>? Items, List<string>? Missing);

internal sealed record OrchestratorInput(string Key);

internal sealed record OrchestratorSubmit(
    string Type,
    string SessionId,
    OrchestratorInput Input,
    string OutputPrefix,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Parameters);

/// <summary>The orchestrator could not be reached, timed out or failed: callers answer 503 and Retry-After.</summary>
internal sealed class OrchestratorUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>The orchestrator refused a submission (validation, size, idempotency conflict) with this problem.</summary>
internal sealed record OrchestratorRejection(int StatusCode, string? Title, string? Detail, IDictionary<string, string[]>? Errors);
