using Amazon.SQS;
using Amazon.SQS.Model;
using Backend.Hosting.Aws;
using Backend.Hosting.Testing;
using Backend.ServiceDefaults.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace ServiceDefaults.Tests;

/// <summary>
/// A service built with AddServiceDefaults and given OTEL_EXPORTER_OTLP_ENDPOINT exports, over OTLP/HTTP
/// to a real receiver, one trace in which an HTTP request, the SQS send it makes, and a consumer's
/// processing of that message (received from the real SQS emulator) are parent and child.
/// </summary>
public sealed class TracePropagationTests(LocalDependenciesFixture dependencies)
{
    [Fact]
    public async Task HttpRequestSqsSendAndConsumerProcessingShareOneTrace()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = await dependencies.CreateQueueAsync(new SqsQueueDefinition("traces"), cancellationToken);
        await using var receiver = await AspireDashboard.StartAsync(cancellationToken);
        var processed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var service = await TestServiceHost.StartAsync(
            ServiceSettings(receiver),
            builder =>
            {
                builder.AddSqsClient();
                builder.Services.AddHostedService(services => new Consumer(services.GetRequiredService<IAmazonSQS>(), queue.Url, processed));
            },
            app => app.MapPost("/orders", async (IAmazonSQS sqs) =>
            {
                await sqs.SendMessageAsync(queue.Url, "order 42");
                return Results.Accepted();
            }));

        (await service.Client.PostAsync("/orders", null, cancellationToken)).EnsureSuccessStatusCode();
        await processed.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        var server = await WaitForSpanAsync(service, receiver, span => span.Kind == "server" && span.Name == "POST /orders");
        var send = await WaitForSpanAsync(service, receiver, span => span.Name == "SQS.SendMessage");
        var process = await WaitForSpanAsync(service, receiver, span => span.Name == $"{queue.Name} process");
        Assert.All([send, process], span => Assert.Equal(server.TraceId, span.TraceId));
        Assert.Equal(server.SpanId, send.ParentSpanId);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.Equal("producer", send.Kind);
        Assert.Equal("consumer", process.Kind);
        Assert.Equal("trace-test-service", server.Service);
        Assert.Equal(queue.Name, send.Attributes["messaging.destination.name"]);
        Assert.Equal(queue.Url, send.Attributes["aws.sqs.queue.url"]);
    }

    [Fact]
    public async Task FailedAwsCallsAreErrorSpansNamingTheAwsErrorAndHealthChecksAreNotTraced()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var missingQueue = $"{dependencies.Dependencies.SqsEndpoint}000000000000/missing-{Guid.NewGuid():N}";
        await using var receiver = await AspireDashboard.StartAsync(cancellationToken);
        await using var service = await TestServiceHost.StartAsync(
            ServiceSettings(receiver),
            builder => builder.AddSqsClient(),
            app => app.MapPost("/orders", async (IAmazonSQS sqs) =>
            {
                try
                {
                    await sqs.SendMessageAsync(missingQueue, "order 43");
                    return Results.Accepted();
                }
                catch (AmazonSQSException)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
            }));

        await service.Client.GetAsync("/health", cancellationToken);
        await service.Client.PostAsync("/orders", null, cancellationToken);

        var send = await WaitForSpanAsync(service, receiver, span => span.Name == "SQS.SendMessage");
        await WaitForSpanAsync(service, receiver, span => span.Kind == "server" && span.Name == "POST /orders");
        Assert.True(send.IsError);
        Assert.Contains("NonExistentQueue", send.Attributes["error.type"], StringComparison.Ordinal);
        Assert.DoesNotContain(await receiver.GetSpansAsync(cancellationToken), span => span.Name.Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BackgroundPollsAreNotTracedButBackgroundWorkThatOpensASpanIs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = await dependencies.CreateQueueAsync(new SqsQueueDefinition("background"), cancellationToken);
        await using var receiver = await AspireDashboard.StartAsync(cancellationToken);
        await using var service = await TestServiceHost.StartAsync(ServiceSettings(receiver), builder => builder.AddSqsClient());
        var sqs = service.App.Services.GetRequiredService<IAmazonSQS>();

        await Task.Run(async () =>
        {
            await sqs.GetQueueAttributesAsync(queue.Url, ["All"], cancellationToken);
            using var work = BackendTelemetry.StartBackgroundActivity("outbox resend");
            await sqs.SendMessageAsync(queue.Url, "task 7", cancellationToken);
        }, cancellationToken);

        var root = await WaitForSpanAsync(service, receiver, span => span.Name == "outbox resend");
        var send = await WaitForSpanAsync(service, receiver, span => span.Name == "SQS.SendMessage");
        Assert.Null(root.ParentSpanId);
        Assert.Equal(root.SpanId, send.ParentSpanId);
        // The poll left no trace at all: neither its AWS SDK span nor the HttpClient span under it.
        var spans = await receiver.GetSpansAsync(cancellationToken);
        Assert.DoesNotContain(spans, span => span.Name == "SQS.GetQueueAttributes");
        Assert.Equal([root.SpanId], spans.Where(s => s.ParentSpanId is null).Select(s => s.SpanId));
    }

    // What the AppHost gives a service: the OTLP endpoint, its name, and the emulators' AWS variables.
    private Dictionary<string, string?> ServiceSettings(AspireDashboard receiver) =>
        new(dependencies.GetServiceEnvironment().Select(variable => KeyValuePair.Create(variable.Key, (string?)variable.Value)))
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.OtlpHttpEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = "trace-test-service",
            // As Aspire gives its services: a batch the dashboard was too busy to take is sent again, not dropped.
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "30000",
        };

    // A span is exported when it ends, which for a server span is just after the client has its
    // response: flush until the span arrives rather than once.
    private static async Task<DashboardSpan> WaitForSpanAsync(TestServiceHost service, AspireDashboard receiver, Func<DashboardSpan, bool> match)
    {
        var tracing = service.App.Services.GetRequiredService<TracerProvider>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            tracing.ForceFlush(5_000);
            if ((await receiver.GetSpansAsync(TestContext.Current.CancellationToken)).Where(match).ToList() is [var span])
            {
                return span;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        var all = await receiver.GetSpansAsync(TestContext.Current.CancellationToken);
        Assert.Fail($"No single matching span among {all.Count}: {string.Join(", ", all.Select(s => $"{s.Service}:{s.Kind}:{s.Name}"))}");
        return all[0];
    }

    private sealed class Consumer(IAmazonSQS sqs, string queueUrl, TaskCompletionSource<string> processed) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested && !processed.Task.IsCompleted)
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    WaitTimeSeconds = 1,
                    MessageAttributeNames = [.. SqsTraceContext.AttributeNames],
                }, stoppingToken);
                foreach (var message in response.Messages ?? [])
                {
                    using var activity = SqsTraceContext.StartProcessing(message, SqsTraceContext.QueueName(queueUrl));
                    await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, stoppingToken);
                    processed.TrySetResult(message.Body);
                }
            }
        }
    }
}
