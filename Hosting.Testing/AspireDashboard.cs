using System.Reflection;
using System.Text.Json;
using Backend.Hosting.Local;
using Backend.Hosting.Processes;

namespace Backend.Hosting.Testing;

/// <summary>
/// The real Aspire dashboard (from the Aspire.Dashboard.Sdk package) run on its own for a test, on 127.0.0.1 and free
/// ports, unsecured: services export to <see cref="OtlpHttpEndpoint"/> and the test reads back what the dashboard
/// stored through its telemetry HTTP API, as a developer would see it. A developer's own dashboard never gets test data.
/// </summary>
public sealed class AspireDashboard : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _api;

    private AspireDashboard(ChildProcess process, Uri frontend, Uri otlpHttp, Uri otlpGrpc)
    {
        _process = process;
        OtlpHttpEndpoint = otlpHttp;
        OtlpGrpcEndpoint = otlpGrpc;
        _api = new HttpClient { BaseAddress = frontend };
    }

    /// <summary>Where services send OTLP over HTTP (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with http/protobuf).</summary>
    public Uri OtlpHttpEndpoint { get; }

    /// <summary>Where services send OTLP over gRPC.</summary>
    public Uri OtlpGrpcEndpoint { get; }

    /// <summary>Starts a dashboard and waits until its API answers.</summary>
    public static async Task<AspireDashboard> StartAsync(CancellationToken cancellationToken = default)
    {
        var path = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AspireDashboardPath").Value!;
        if (!File.Exists(path))
        {
            throw new LocalDependencyException($"The Aspire dashboard is not at {path}: run `dotnet restore` (it comes from the Aspire.Dashboard.Sdk package).");
        }
        var frontend = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var otlpHttp = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var otlpGrpc = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = await ChildProcess.StartAsync(new ChildProcessStartInfo(path)
        {
            DisplayName = "aspire-dashboard",
            WorkingDirectory = Path.GetDirectoryName(path),
            Environment = new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = frontend.ToString(),
                ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = otlpHttp.ToString(),
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = otlpGrpc.ToString(),
                ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
                ["Dashboard__Api__AuthMode"] = "Unsecured",
                ["ASPIRE_DASHBOARD_PERSISTENCE_MODE"] = "None",
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        }, cancellationToken).ConfigureAwait(false);
        var dashboard = new AspireDashboard(process, frontend, otlpHttp, otlpGrpc);
        try
        {
            await dashboard.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every span the dashboard holds, newest last.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> GetSpansAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _api.GetAsync("api/telemetry/spans?limit=10000", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return DashboardSpan.Parse(document.RootElement);
    }

    /// <summary>The traces the dashboard lists (what a developer sees in its Traces page), by the service of their root span.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> GetRootSpansAsync(CancellationToken cancellationToken = default) =>
        [.. (await GetSpansAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.ParentSpanId is null)];

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                // Both listeners: the API, and the OTLP receiver (an empty export), which can come up later.
                using var response = await _api.GetAsync("api/telemetry/resources", deadline.Token).ConfigureAwait(false);
                using var export = new ByteArrayContent([]);
                export.Headers.ContentType = new("application/x-protobuf");
                using var exported = await _api.PostAsync(new Uri(OtlpHttpEndpoint, "v1/traces"), export, deadline.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && exported.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (!_process.Exited.IsCompleted)
            {
                // Not listening yet.
            }
            if (_process.Exited.IsCompleted)
            {
                throw new LocalDependencyException($"The Aspire dashboard exited at start: {_process.Output.Tail()}");
            }
            await Task.Delay(200, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A span as the dashboard stored it.</summary>
/// <param name="Service">The exporting service (<c>service.name</c>).</param>
/// <param name="Name">The span name.</param>
/// <param name="Kind">internal, server, client, producer or consumer.</param>
/// <param name="TraceId">The trace id (hex).</param>
/// <param name="SpanId">The span id (hex).</param>
/// <param name="ParentSpanId">The parent's span id, null for a root span.</param>
/// <param name="IsError">Whether its status is error.</param>
/// <param name="Attributes">Its string attributes.</param>
public sealed record DashboardSpan(
    string Service, string Name, string Kind, string TraceId, string SpanId, string? ParentSpanId, bool IsError, IReadOnlyDictionary<string, string> Attributes)
{
    private static readonly string[] Kinds = ["unspecified", "internal", "server", "client", "producer", "consumer"];

    internal static List<DashboardSpan> Parse(JsonElement response)
    {
        var spans = new List<DashboardSpan>();
        if (!response.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return spans;
        }
        foreach (var resource in resourceSpans.EnumerateArray())
        {
            var service = ReadAttributes(resource.GetProperty("resource")).GetValueOrDefault("service.name", "");
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    var parent = span.TryGetProperty("parentSpanId", out var p) && p.GetString() is { Length: > 0 } id ? id : null;
                    var kind = span.TryGetProperty("kind", out var k) ? k.ValueKind == JsonValueKind.Number ? Kinds[k.GetInt32()] : k.GetString()!.Replace("SPAN_KIND_", "", StringComparison.Ordinal).ToLowerInvariant() : "unspecified";
                    var isError = span.TryGetProperty("status", out var status) && status.TryGetProperty("code", out var code)
                        && (code.ValueKind == JsonValueKind.Number ? code.GetInt32() == 2 : code.GetString() == "STATUS_CODE_ERROR");
                    spans.Add(new DashboardSpan(service, span.GetProperty("name").GetString()!, kind, span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!, parent, isError, ReadAttributes(span)));
                }
            }
        }
        return spans;
    }

    private static Dictionary<string, string> ReadAttributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value");
                attributes[attribute.GetProperty("key").GetString()!] = value.TryGetProperty("stringValue", out var text) ? text.GetString()! : value.ToString();
            }
        }
        return attributes;
    }
}
