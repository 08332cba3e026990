using System.IO.Compression;
using Backend.Dashboard.Otlp.Proto;
using Backend.Dashboard.Security;
using Backend.Dashboard.Telemetry;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backend.Dashboard.Otlp;

/// <summary>
/// The OTLP/HTTP receiver (<c>http/protobuf</c>): <c>POST /v1/traces</c>, <c>/v1/logs</c> and
/// <c>/v1/metrics</c>, as the OpenTelemetry exporters call them when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// points at the dashboard.
/// </summary>
public static class OtlpHttpEndpoints
{
    private const string ProtobufContentType = "application/x-protobuf";
    private const int MaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>Maps the three OTLP/HTTP export endpoints, storing what they receive in <paramref name="store"/>.</summary>
    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, TelemetryStore store)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        MapExports(endpoints.MapGroup(""), store);
        return endpoints;
    }

    /// <summary>
    /// Maps the three OTLP/HTTP export endpoints, answering 401 to a request whose <c>x-otlp-api-key</c>
    /// header is not <paramref name="apiKey"/> (exporters send it from
    /// <c>OTEL_EXPORTER_OTLP_HEADERS=x-otlp-api-key=&lt;key&gt;</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, TelemetryStore store, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var group = endpoints.MapGroup("");
        group.AddEndpointFilter((context, next) =>
            DashboardSecrets.Matches(context.HttpContext.Request.Headers[DashboardSecrets.OtlpApiKeyHeader].ToString(), apiKey)
                ? next(context)
                : ValueTask.FromResult<object?>(TypedResults.Unauthorized()));
        MapExports(group, store);
        return endpoints;
    }

    private static void MapExports(RouteGroupBuilder group, TelemetryStore store)
    {
        group.MapPost("/v1/traces", (HttpRequest request) =>
            Receive(request, ExportTraceServiceRequest.Parser, message => store.Add(OtlpConverter.Spans(message))));
        group.MapPost("/v1/logs", (HttpRequest request) =>
            Receive(request, ExportLogsServiceRequest.Parser, message => store.Add(OtlpConverter.Logs(message))));
        group.MapPost("/v1/metrics", (HttpRequest request) =>
            Receive(request, ExportMetricsServiceRequest.Parser, message => store.Add(OtlpConverter.MetricPoints(message))));
    }

    private static async Task<IResult> Receive<T>(HttpRequest request, MessageParser<T> parser, Action<T> store)
        where T : IMessage<T>
    {
        if (request.ContentType?.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(
                $"Only OTLP {ProtobufContentType} (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf) is accepted.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        if (request.ContentLength > MaxRequestBytes)
        {
            return TypedResults.Problem("The export request is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var body = request.Headers.ContentEncoding.ToString() == "gzip"
            ? new GZipStream(request.Body, CompressionMode.Decompress)
            : request.Body;
        await using (body.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            // Bounded after decompression too, so a small gzip body cannot expand without limit.
            if (!await CopyAtMostAsync(body, buffer, MaxRequestBytes, request.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                return TypedResults.Problem("The export request is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            T message;
            try
            {
                message = parser.ParseFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            catch (InvalidProtocolBufferException exception)
            {
                return TypedResults.Problem($"The body is not an OTLP export request: {exception.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
            store(message);
        }
        return TypedResults.Bytes(new ExportResponse().ToByteArray(), ProtobufContentType);
    }

    private static async Task<bool> CopyAtMostAsync(Stream source, MemoryStream destination, int limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (destination.Length + read > limit)
            {
                return false;
            }
            destination.Write(chunk, 0, read);
        }
        return true;
    }
}
