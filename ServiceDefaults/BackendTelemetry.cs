namespace Microsoft.Extensions.Hosting;

/// <summary>Names of the telemetry sources that ServiceDefaults subscribes every service to.</summary>
public static class BackendTelemetry
{
    /// <summary>Activity source of the client and producer spans around AWS SDK calls.</summary>
    public const string AwsSdkSourceName = "Backend.AwsSdk";

    /// <summary>Activity source of the consumer spans that process queue messages.</summary>
    public const string MessagingSourceName = "Backend.Messaging";

    /// <summary>Activity source of background work worth a trace of its own (see <see cref="StartBackgroundActivity"/>).</summary>
    public const string BackgroundSourceName = "Backend.Background";

    private static readonly System.Diagnostics.ActivitySource Background = new(BackgroundSourceName);

    /// <summary>
    /// Starts a root span for background work that does something (starting the GPU instance, re-sending
    /// a task from the outbox), so that its AWS SDK calls are traced under it. AWS SDK calls outside any
    /// span, a background loop's polls, are not traced: every few seconds per loop they would bury the
    /// traces of user actions. They are still counted in the <c>aws.client.operation.duration</c> histogram.
    /// </summary>
    /// <param name="name">What the work is, e.g. <c>gpu-instance start</c>.</param>
    public static System.Diagnostics.Activity? StartBackgroundActivity(string name) =>
        Background.StartActivity(name, System.Diagnostics.ActivityKind.Internal, parentContext: default);

    /// <summary>Meter of the backend's own metrics (AWS SDK call durations, and each service's instruments).</summary>
    public const string MeterName = "Backend";
}
