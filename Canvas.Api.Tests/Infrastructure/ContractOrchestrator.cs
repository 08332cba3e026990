using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>
/// The orchestrator's task API as docs/orchestrator-api.md states it (key check, validation, idempotency,
/// read and list), in memory, on a local port: it lets the tests see exactly what Canvas.Api sends.
/// </summary>
public sealed class ContractOrchestrator : IAsyncDisposable
{
    private static readonly HashSet<string> Types = ["thumbnail", "convert", "upscale", "generate"];
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _tasks = new();
    private readonly ConcurrentDictionary<string, (string Id, string Body)> _byIdempotencyKey = new();

    private ContractOrchestrator(WebApplication app) => _app = app;

    public ConcurrentQueue<(string? Authorization, string? IdempotencyKey, JsonObject Body)> Submissions { get; } = new();

    public Uri Address => new(_app.Urls.First());

    /// <summary>Requests received, by method and path.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ContractOrchestrator> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var orchestrator = new ContractOrchestrator(builder.Build());
        orchestrator.Map(apiKey);
        await orchestrator._app.StartAsync();
        return orchestrator;
    }

    /// <summary>Moves a task to succeeded with a result object under <paramref name="resultKey"/>.</summary>
    public void Succeed(string taskId, string resultKey)
    {
        var task = _tasks[taskId];
        task["status"] = "succeeded";
        task["completedAt"] = DateTimeOffset.UtcNow;
        task["result"] = new JsonObject { ["key"] = resultKey, ["contentType"] = "image/webp", ["width"] = 16, ["height"] = 12, ["size"] = 321 };
    }

    /// <summary>A task's status as the orchestrator has it now.</summary>
    public string? Status(string taskId) => _tasks.TryGetValue(taskId, out var task) ? task["status"]?.GetValue<string>() : null;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Map(string apiKey)
    {
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (context.Request.Headers.Authorization != $"Bearer {apiKey}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });

        _app.MapPost("/api/tasks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            var body = JsonNode.Parse(text)!.AsObject();
            var key = request.Headers["Idempotency-Key"].FirstOrDefault();
            Submissions.Enqueue((request.Headers.Authorization, key, body));
            if (body["type"]?.GetValue<string>() is not { } type || !Types.Contains(type))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["unknown type"] });
            }
            if (type == "convert" && body["parameters"]?["format"] is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["parameters.format"] = ["format is required for convert"] });
            }
            if (key is not null && _byIdempotencyKey.TryGetValue(key, out var earlier))
            {
                return earlier.Body == text
                    ? Results.Json(_tasks[earlier.Id], statusCode: StatusCodes.Status202Accepted)
                    : Results.Problem("Idempotency-Key reused with another body.", statusCode: StatusCodes.Status422UnprocessableEntity);
            }
            var id = Guid.NewGuid().ToString("N");
            var now = DateTimeOffset.UtcNow;
            var task = new JsonObject
            {
                ["id"] = id, ["type"] = type, ["status"] = "queued", ["sessionId"] = body["sessionId"]?.DeepClone(),
                ["input"] = body["input"]?.DeepClone(), ["parameters"] = body["parameters"]?.DeepClone() ?? new JsonObject(),
                ["attempts"] = 0, ["createdAt"] = now, ["updatedAt"] = now, ["startedAt"] = null, ["completedAt"] = null,
                ["error"] = null, ["result"] = null,
            };
            _tasks[id] = task;
            if (key is not null)
            {
                _byIdempotencyKey[key] = (id, text);
            }
            return Results.Json(task, statusCode: StatusCodes.Status202Accepted);
        });

        _app.MapGet("/api/tasks/{id}", (string id) =>
            _tasks.TryGetValue(id, out var task) ? Results.Json(task) : Results.Problem(statusCode: StatusCodes.Status404NotFound));

        _app.MapPost("/api/tasks/{id}/cancel", (string id) =>
        {
            if (!_tasks.TryGetValue(id, out var task))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound);
            }
            if (task["status"]?.GetValue<string>() != "queued")
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict);
            }
            task["status"] = "cancelled";
            return Results.Json(task);
        });

        _app.MapPost("/api/tasks/batch", async (HttpRequest request) =>
        {
            var ids = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!["ids"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();
            if (ids.Count is 0 or > 100)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = ["1 to 100 ids"] });
            }
            return Results.Json(new
            {
                items = ids.Where(_tasks.ContainsKey).Select(id => _tasks[id]),
                missing = ids.Where(id => !_tasks.ContainsKey(id)),
            }, JsonSerializerOptions.Web);
        });

        // Lists only the newest task of the session, so that callers must fetch the others one by one.
        _app.MapGet("/api/tasks", (string sessionId) => Results.Json(new
        {
            items = _tasks.Values.Where(task => task["sessionId"]?.GetValue<string>() == sessionId)
                .OrderByDescending(task => task["createdAt"]!.GetValue<DateTimeOffset>()).Take(1),
            continuationToken = (string?)null,
        }, JsonSerializerOptions.Web));
    }
}
