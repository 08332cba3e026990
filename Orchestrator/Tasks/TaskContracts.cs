using System.Text.Json;
using System.Text.Json.Serialization;
using Backend.TaskProcessing.Tasks;

namespace Backend.Orchestrator.Tasks;

/// <summary>The body of <c>POST /api/tasks</c> (docs/orchestrator-api.md); every field is checked by <see cref="SubmitTaskValidator"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SubmitTaskRequest(string? Type, string? SessionId, TaskInput? Input, string? OutputPrefix, JsonElement? Parameters);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskInput(string? Key);

/// <summary>A task as callers see it.</summary>
public sealed record TaskResponse(
    string Id,
    string Type,
    string Status,
    string? SessionId,
    TaskInput? Input,
    JsonElement Parameters,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    TaskResult? Result)
{
    public static TaskResponse From(TaskRecord task) => new(
        task.Id,
        task.Type,
        task.Status.ToWire(),
        task.SessionId,
        task.InputKey is null ? null : new TaskInput(task.InputKey),
        task.Parameters,
        task.Attempts,
        task.CreatedAt,
        task.UpdatedAt,
        task.StartedAt,
        task.CompletedAt,
        task.Error,
        task.Result);
}

public sealed record TaskListResponse(IReadOnlyList<TaskResponse> Items, string? ContinuationToken);

/// <summary>A submit that passed validation: what will be stored, and the hash that identifies the request.</summary>
public sealed record ValidSubmission(
    string Type, string? SessionId, string? InputKey, string OutputPrefix, JsonElement Parameters, string? IdempotencyKey, string RequestHash);

/// <summary>The body of <c>POST /api/tasks/batch</c>: up to 100 task ids to read at once.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskBatchRequest(IReadOnlyList<string>? Ids);

/// <summary>The tasks found, in the order asked, and the ids no task has.</summary>
public sealed record TaskBatchResponse(IReadOnlyList<TaskResponse> Items, IReadOnlyList<string> Missing);
