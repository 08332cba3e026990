using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Dashboard;
using Backend.Dashboard.Resources;
using Backend.Dashboard.Telemetry;

namespace Dashboard.Tests;

/// <summary>The JSON API the browser UI reads, as a logged-in browser sees it.</summary>
public sealed class ApiTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResourcesAreListedInOrderWithTheirStateInCamelCaseJson()
    {
        var source = new TestResourceSource()
            .Set(TestResourceSource.Running("canvas-api", "Project", "http://127.0.0.1:9000"))
            .Set(new ResourceSnapshot("orchestrator", "Project", "FailedToStart", null, [], 2, [], 1, "Port 8080 is taken", null));
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), source, cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        using var json = await browser.GetFromJsonAsync<JsonDocument>("/api/dashboard/resources", Cancellation);

        var resources = json!.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["canvas-api", "orchestrator"], resources.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("Running", resources[0].GetProperty("state").GetString());
        Assert.Equal("Healthy", resources[0].GetProperty("health").GetString());
        Assert.Equal("http://127.0.0.1:9000", resources[0].GetProperty("urls")[0].GetString());
        Assert.Equal(4242, resources[0].GetProperty("processIds")[0].GetInt32());
        Assert.Equal(2, resources[1].GetProperty("restarts").GetInt32());
        Assert.Equal(1, resources[1].GetProperty("exitCode").GetInt32());
        Assert.Equal("Port 8080 is taken", resources[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task ConsoleLogsOfAResourceComeOldestFirstWithStandardErrorAndReplicaMarked()
    {
        var source = new TestResourceSource().Set(TestResourceSource.Running("canvas-api"))
            .Write("canvas-api", "Now listening on: http://127.0.0.1:9000")
            .Write("canvas-api", "Unhandled exception", isError: true, replica: 1);
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), source, cancellationToken: Cancellation);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        var lines = await browser.GetFromJsonAsync<ConsoleLogLine[]>("/api/dashboard/resources/Canvas-Api/console", JsonSerializerOptions.Web, Cancellation);
        using var unknown = await browser.GetAsync("/api/dashboard/resources/nothing/console", Cancellation);

        Assert.Equal(["Now listening on: http://127.0.0.1:9000", "Unhandled exception"], lines!.Select(line => line.Text));
        Assert.Equal([(false, 0), (true, 1)], lines!.Select(line => (line.IsError, line.Replica)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StructuredLogsAreFilteredByServiceMinimumLevelAndTextNewestFirst()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        var start = DateTimeOffset.UtcNow;
        dashboard.Telemetry.Add(
        [
            TestTelemetry.Log(start, "Canvas.Api", "Information", "Session created"),
            TestTelemetry.Log(start.AddSeconds(1), "Canvas.Api", "Warning", "Upload slow", ("ImageId", "img-7")),
            TestTelemetry.Log(start.AddSeconds(2), "Orchestrator", "Error", "Task failed"),
            TestTelemetry.Log(start.AddSeconds(3), "Canvas.Api", "Error", "Upload failed for img-7"),
        ]);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        async Task<string[]> Messages(string query) =>
            [.. (await browser.GetFromJsonAsync<ExportedLog[]>($"/api/dashboard/logs{query}", JsonSerializerOptions.Web, Cancellation))!.Select(log => log.Message)];

        Assert.Equal(["Upload failed for img-7", "Task failed", "Upload slow", "Session created"], await Messages(""));
        Assert.Equal(["Upload failed for img-7", "Upload slow", "Session created"], await Messages("?service=Canvas.Api"));
        Assert.Equal(["Upload failed for img-7", "Upload slow"], await Messages("?service=Canvas.Api&level=Warning"));
        Assert.Equal(["Upload failed for img-7", "Upload slow"], await Messages("?search=IMG-7"));
        Assert.Equal(["Upload failed for img-7"], await Messages("?limit=1"));
    }

    [Fact]
    public async Task TracesAreListedNewestFirstWithRootServicesSpanCountDurationAndErrors()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        var start = DateTimeOffset.UtcNow;
        dashboard.Telemetry.Add(
        [
            TestTelemetry.Span("t1", "a", null, "GET /sessions", "Canvas.Api", start, 40),
            TestTelemetry.Span("t2", "c", "b", "POST /tasks", "Orchestrator", start.AddSeconds(1).AddMilliseconds(5), 20, isError: true),
            TestTelemetry.Span("t2", "b", null, "POST /api/sessions/{id}/tasks", "Canvas.Api", start.AddSeconds(1), 50),
        ]);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        using var all = await browser.GetFromJsonAsync<JsonDocument>("/api/dashboard/traces", Cancellation);
        using var orchestrator = await browser.GetFromJsonAsync<JsonDocument>("/api/dashboard/traces?service=Orchestrator", Cancellation);

        var traces = all!.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["t2", "t1"], traces.Select(t => t.GetProperty("traceId").GetString()));
        Assert.Equal("POST /api/sessions/{id}/tasks", traces[0].GetProperty("rootName").GetString());
        Assert.Equal(["Canvas.Api", "Orchestrator"], traces[0].GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, traces[0].GetProperty("spanCount").GetInt32());
        Assert.Equal(50, traces[0].GetProperty("durationMs").GetDouble());
        Assert.True(traces[0].GetProperty("hasError").GetBoolean());
        Assert.False(traces[1].GetProperty("hasError").GetBoolean());
        Assert.Equal(["t2"], orchestrator!.RootElement.EnumerateArray().Select(t => t.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task ATraceComesInWaterfallOrderWithDepthsOffsetsAndItsLogs()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        var start = DateTimeOffset.UtcNow;
        dashboard.Telemetry.Add(
        [
            TestTelemetry.Span("t1", "send", "call", "queue send", "Orchestrator", start.AddMilliseconds(30), 5),
            TestTelemetry.Span("t1", "root", null, "POST /tasks", "Canvas.Api", start, 100),
            TestTelemetry.Span("t1", "later", "root", "SELECT", "Canvas.Api", start.AddMilliseconds(60), 10),
            TestTelemetry.Span("t1", "call", "root", "POST", "Canvas.Api", start.AddMilliseconds(10), 40),
        ]);
        dashboard.Telemetry.Add([TestTelemetry.Log(start.AddMilliseconds(31), "Orchestrator", "Information", "Queued", traceId: "t1")]);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        using var json = await browser.GetFromJsonAsync<JsonDocument>("/api/dashboard/traces/t1", Cancellation);
        using var missing = await browser.GetAsync("/api/dashboard/traces/nope", Cancellation);

        var spans = json!.RootElement.GetProperty("spans").EnumerateArray().ToArray();
        Assert.Equal(["root", "call", "send", "later"], spans.Select(s => s.GetProperty("spanId").GetString()));
        Assert.Equal([0, 1, 2, 1], spans.Select(s => s.GetProperty("depth").GetInt32()));
        Assert.Equal([0d, 10, 30, 60], spans.Select(s => s.GetProperty("offsetMs").GetDouble()));
        Assert.Equal(100, json.RootElement.GetProperty("durationMs").GetDouble());
        Assert.Equal("Queued", json.RootElement.GetProperty("logs")[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task MetricsAreGroupedByServiceAndInstrument()
    {
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        var now = DateTimeOffset.UtcNow;
        dashboard.Telemetry.Add(
        [
            new ExportedMetricPoint("Orchestrator", "tasks.queued", "{task}", now, 4, null, new Dictionary<string, string> { ["queue"] = "gpu" }),
            new ExportedMetricPoint("Orchestrator", "tasks.queued", "{task}", now, 1, null, new Dictionary<string, string> { ["queue"] = "cpu" }),
            new ExportedMetricPoint("Canvas.Api", "http.server.request.duration", "s", now, 0.5, 3, new Dictionary<string, string>()),
        ]);
        using var browser = await DashboardClients.LoggedInAsync(dashboard);

        using var json = await browser.GetFromJsonAsync<JsonDocument>("/api/dashboard/metrics", Cancellation);

        var services = json!.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["Canvas.Api", "Orchestrator"], services.Select(s => s.GetProperty("service").GetString()));
        var queued = services[1].GetProperty("instruments")[0];
        Assert.Equal(("tasks.queued", "{task}"), (queued.GetProperty("name").GetString(), queued.GetProperty("unit").GetString()));
        Assert.Equal([("cpu", 1d), ("gpu", 4d)], queued.GetProperty("series").EnumerateArray()
            .Select(s => (s.GetProperty("attributes").GetProperty("queue").GetString(), s.GetProperty("value").GetDouble())));
        Assert.Equal(3UL, services[0].GetProperty("instruments")[0].GetProperty("series")[0].GetProperty("count").GetUInt64());
    }
}
