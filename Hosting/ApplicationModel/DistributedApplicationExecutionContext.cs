using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.ApplicationModel;

/// <summary>Whether the AppHost runs the application locally or publishes a description of it.</summary>
public enum DistributedApplicationOperation
{
    /// <summary>Run locally (F5): values resolve to concrete ports, URLs and names.</summary>
    Run,

    /// <summary>Publish: values resolve to manifest placeholders.</summary>
    Publish,
}

/// <summary>
/// What the application is being built for, plus the application-wide values that only the local runner knows
/// (the dashboard's OTLP endpoint, the AWS emulators), which it fills in before services start.
/// </summary>
public sealed class DistributedApplicationExecutionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="operation">Run or publish.</param>
    /// <param name="aws">The AWS settings shared by every AWS reference.</param>
    /// <param name="telemetry">Where services send telemetry in run mode.</param>
    public DistributedApplicationExecutionContext(
        DistributedApplicationOperation operation, AwsSettings aws, TelemetrySettings telemetry)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(telemetry);
        Operation = operation;
        Aws = aws;
        Telemetry = telemetry;
    }

    /// <summary>Gets the operation.</summary>
    public DistributedApplicationOperation Operation { get; }

    /// <summary>Gets whether the application runs locally.</summary>
    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    /// <summary>Gets whether the application is being published.</summary>
    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;

    /// <summary>Gets the AWS region and, in run mode, the emulators standing in for AWS.</summary>
    public AwsSettings Aws { get; }

    /// <summary>Gets the OTLP endpoint services export telemetry to in run mode.</summary>
    public TelemetrySettings Telemetry { get; }
}

/// <summary>The OTLP endpoint of the local dashboard; the local runner sets it when it starts the dashboard.</summary>
public sealed class TelemetrySettings
{
    /// <summary>Gets or sets the OTLP endpoint, e.g. <c>http://127.0.0.1:4317</c>.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Gets or sets the OTLP protocol: <c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    /// <summary>Gets or sets the headers exporters send (<c>OTEL_EXPORTER_OTLP_HEADERS</c>), e.g. the dashboard's API key; secret.</summary>
    public string? OtlpHeaders { get; set; }
}
