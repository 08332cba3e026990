using Amazon.Runtime.Internal;

namespace Backend.ServiceDefaults.Aws;

/// <summary>
/// Puts <see cref="AwsSdkTracingHandler"/> into the pipeline of every AWS SDK client the process creates.
/// OpenTelemetry.Instrumentation.AWS does the same, but it cannot be restored here; the SDK's own
/// telemetry abstraction names neither queues nor tables nor buckets and does not propagate through SQS.
/// </summary>
public static class AwsSdkTracing
{
    private static int _registered;

    /// <summary>Registers the tracing handler once per process; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            RuntimePipelineCustomizerRegistry.Instance.Register(new Customizer());
        }
    }

    private sealed class Customizer : IRuntimePipelineCustomizer
    {
        public string UniqueName => "Backend.AwsSdkTracing";

        // Before the marshaller: the span covers retries, signing and the wire, and SQS sends still
        // have their typed message attributes, where the trace context goes.
        public void Customize(Type serviceClientType, RuntimePipeline pipeline) =>
            pipeline.AddHandlerBefore<Marshaller>(new AwsSdkTracingHandler());
    }
}
