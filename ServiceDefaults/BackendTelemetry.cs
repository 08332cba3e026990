namespace Microsoft.Extensions.Hosting;

/// <summary>Names of the telemetry sources that ServiceDefaults subscribes every service to.</summary>
public static class BackendTelemetry
{
    /// <summary>Activity source of the client and producer spans around AWS SDK calls.</summary>
    public const string AwsSdkSourceName = "Backend.AwsSdk";

    /// <summary>Activity source of the consumer spans that process queue messages.</summary>
    public const string MessagingSourceName = "Backend.Messaging";

    /// <summary>Meter of the backend's own metrics (AWS SDK call durations, and each service's instruments).</summary>
    public const string MeterName = "Backend";
}
