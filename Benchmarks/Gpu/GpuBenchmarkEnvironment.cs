using Amazon.DynamoDBv2;
using Amazon.SQS;
using Backend.Hosting.Aws;
using Backend.Hosting.Ec2;
using Backend.Hosting.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backend.Benchmarks.Gpu;

/// <summary>
/// fauxqs and dynalite as child processes, the EC2 stand-in with a draining backend, and the GPU
/// controller in a host of its own, configured exactly as the orchestrator's (AddGpuController).
/// </summary>
internal sealed class GpuBenchmarkEnvironment : IAsyncDisposable
{
    public const string InstanceId = "i-0123456789abcdef0";

    private readonly List<IAsyncDisposable> _owned = [];

    public IAmazonSQS Sqs { get; private set; } = null!;

    public string QueueUrl { get; private set; } = "";

    public Ec2Emulator Ec2 { get; private set; } = null!;

    public DrainingGpuBackend Backend { get; private set; } = null!;

    public GpuTimeline Timeline { get; private set; } = null!;

    public IHost Controller { get; private set; } = null!;

    public static async Task<GpuBenchmarkEnvironment> StartAsync(GpuBenchmarkSettings settings)
    {
        var environment = new GpuBenchmarkEnvironment();
        try
        {
            await environment.StartCoreAsync(settings).ConfigureAwait(false);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(GpuBenchmarkSettings settings)
    {
        var fauxqs = await FauxqsEmulator.StartAsync().ConfigureAwait(false);
        _owned.Add(fauxqs);
        var dynalite = await DynaliteEmulator.StartAsync().ConfigureAwait(false);
        _owned.Add(dynalite);
        Sqs = AwsEmulatorClients.CreateSqsClient(fauxqs.Endpoint);
        using var dynamoDb = AwsEmulatorClients.CreateDynamoDbClient(dynalite.Endpoint);
        var queue = await Sqs.EnsureQueueAsync(new SqsQueueDefinition("gpu_tasks_queue") { MaxReceiveCount = null }).ConfigureAwait(false);
        QueueUrl = queue.Url;
        await dynamoDb.EnsureTableAsync(new DynamoDbTableDefinition("task_store", new DynamoDbKey("task_id", ScalarAttributeType.S))).ConfigureAwait(false);

        Backend = new DrainingGpuBackend(Sqs, QueueUrl, settings.StartDelay, settings.WorkTime, TimeProvider.System);
        Ec2 = await Ec2Emulator.StartAsync(new Ec2EmulatorOptions
        {
            Instances = { new Ec2InstanceDefinition(InstanceId) },
            StartDelay = settings.StartDelay,
            StopDelay = settings.StopDelay,
        }, Backend).ConfigureAwait(false);
        _owned.Add(Ec2);
        Timeline = new GpuTimeline(Ec2, InstanceId);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(
            AwsEmulatorClients.CreateEnvironment(fauxqs.Endpoint, fauxqs.Endpoint, dynalite.Endpoint).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
        {
            ["AWS_ENDPOINT_URL_EC2"] = Ec2.Endpoint.ToString(),
            ["AWS:Resources:gpu-instance:InstanceId"] = InstanceId,
            ["AWS:Resources:gpu_tasks_queue:QueueUrl"] = QueueUrl,
            ["AWS:Resources:task_store:TableName"] = "task_store",
            ["Gpu:PollInterval"] = settings.PollInterval.ToString(),
            ["Gpu:IdleTimeout"] = settings.IdleTimeout.ToString(),
            ["Gpu:LeaseDuration"] = (settings.PollInterval * 4).ToString(),
        });
        builder.AddGpuController();
        Controller = builder.Build();
        await Controller.StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Controller is not null)
        {
            await Controller.StopAsync().ConfigureAwait(false);
            Controller.Dispose();
        }
        // The stand-in first (it stops the drainer's transitions), then the emulators.
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
        Sqs?.Dispose();
    }
}
