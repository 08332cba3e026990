using System.Diagnostics;
using System.Diagnostics.Metrics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SQS.Model;
using Microsoft.Extensions.Hosting;

namespace Backend.ServiceDefaults.Aws;

/// <summary>
/// A client span (producer span for SQS sends) around each AWS SDK call, named
/// <c>{Service}.{Operation}</c> and tagged with the OpenTelemetry semantic conventions for AWS
/// (service, operation, queue/table/bucket, request id, status, outcome), plus a duration histogram.
/// </summary>
internal sealed class AwsSdkTracingHandler : PipelineHandler
{
    private static readonly ActivitySource Source = new(BackendTelemetry.AwsSdkSourceName);
    private static readonly Meter Meter = new(BackendTelemetry.MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "aws.client.operation.duration", "s", "Duration of AWS SDK calls, retries included.");

    public override void InvokeSync(IExecutionContext executionContext)
    {
        var call = Start(executionContext.RequestContext);
        try
        {
            base.InvokeSync(executionContext);
            call.Succeeded(executionContext.ResponseContext.Response);
        }
        catch (Exception exception)
        {
            call.Failed(exception);
            throw;
        }
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var call = Start(executionContext.RequestContext);
        try
        {
            var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            call.Succeeded(executionContext.ResponseContext.Response);
            return response;
        }
        catch (Exception exception)
        {
            call.Failed(exception);
            throw;
        }
    }

    private static TracedCall Start(IRequestContext request)
    {
        var service = request.ServiceMetaData.ServiceId;
        var operation = request.RequestName.EndsWith("Request", StringComparison.Ordinal)
            ? request.RequestName[..^"Request".Length]
            : request.RequestName;
        var isSend = request.OriginalRequest is SendMessageRequest or SendMessageBatchRequest;

        // Only inside a span (a request, a message's processing, background work that opened one): a
        // call outside any span is a background loop's poll, measured by the histogram but not traced.
        var activity = Activity.Current is null
            ? null
            : Source.StartActivity($"{service}.{operation}", isSend ? ActivityKind.Producer : ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", operation);
            activity.SetTag("cloud.region", request.ClientConfig.RegionEndpoint?.SystemName ?? request.ClientConfig.AuthenticationRegion);
            AwsResourceTags.Add(activity, request.OriginalRequest);
        }
        if (activity is not null && isSend)
        {
            SqsTraceContext.Inject(activity, request.OriginalRequest);
        }
        return new TracedCall(activity, service, operation, Stopwatch.GetTimestamp());
    }

    private readonly record struct TracedCall(Activity? Activity, string Service, string Operation, long StartedAt)
    {
        public void Succeeded(AmazonWebServiceResponse? response)
        {
            if (Activity is not null)
            {
                Activity.SetTag("aws.request_id", response?.ResponseMetadata?.RequestId);
                Activity.SetTag("http.response.status_code", response is null ? null : (int)response.HttpStatusCode);
                Activity.Dispose();
            }
            Record("success");
        }

        public void Failed(Exception exception)
        {
            var errorType = exception is AmazonServiceException { ErrorCode: { } code } ? code : exception.GetType().Name;
            if (Activity is not null)
            {
                if (exception is AmazonServiceException service)
                {
                    Activity.SetTag("aws.request_id", service.RequestId);
                    Activity.SetTag("http.response.status_code", (int)service.StatusCode);
                }
                Activity.SetTag("error.type", errorType);
                Activity.SetStatus(ActivityStatusCode.Error, exception.Message);
                Activity.Dispose();
            }
            Record(errorType);
        }

        private void Record(string outcome) => Duration.Record(
            Stopwatch.GetElapsedTime(StartedAt).TotalSeconds,
            new KeyValuePair<string, object?>("rpc.service", Service),
            new KeyValuePair<string, object?>("rpc.method", Operation),
            new KeyValuePair<string, object?>("outcome", outcome));
    }
}
