using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.SQS.Model;
using Backend.Hosting.Aws;
using Backend.Hosting.Ec2;
using Backend.Hosting.Testing;

namespace Backend.Orchestrator.Tests.Gpu;

/// <summary>
/// The GPU controller's world for one test: a fresh GPU queue and task table on the real emulators,
/// an EC2 stand-in with one GPU instance and short transitions, and settings with short timings
/// (poll 100 ms, idle 1 s, lease 3 s) that point controllers at all of it.
/// </summary>
internal sealed class GpuTestbed : IAsyncDisposable
{
    public const string InstanceId = "i-0123456789abcdef0";

    private readonly List<GpuControllerHost> _hosts = [];
    private readonly ConcurrentQueue<Ec2InstanceStateName> _history = new();

    private GpuTestbed(LocalDependenciesFixture fixture, Ec2Emulator ec2, GpuTestBackend backend, SqsQueue queue, string table)
    {
        Fixture = fixture;
        Ec2 = ec2;
        ec2.StateChanged += (_, change) => _history.Enqueue(change.Current.State);
        Backend = backend;
        Queue = queue;
        TableName = table;
    }

    public LocalDependenciesFixture Fixture { get; }

    public Ec2Emulator Ec2 { get; }

    public GpuTestBackend Backend { get; }

    public SqsQueue Queue { get; }

    public string TableName { get; }

    public Ec2InstanceStateName State => Ec2.GetInstance(InstanceId).State;

    /// <param name="fixture">The shared emulators.</param>
    /// <param name="initialState">How the instance starts: stopped or running.</param>
    /// <param name="startDelay">How long the instance stays pending (default 200 ms).</param>
    /// <param name="stopDelay">How long the instance stays stopping (default 200 ms).</param>
    /// <param name="drain">Whether the backend drains the queue while running, like the GpuWorker.</param>
    public static async Task<GpuTestbed> StartAsync(
        LocalDependenciesFixture fixture,
        Ec2InstanceStateName initialState = Ec2InstanceStateName.Stopped,
        TimeSpan? startDelay = null,
        TimeSpan? stopDelay = null,
        bool drain = false)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = await fixture.CreateQueueAsync(new SqsQueueDefinition("gpu") { MaxReceiveCount = null }, cancellationToken);
        var table = await fixture.CreateTableAsync(
            new DynamoDbTableDefinition("task_store", new DynamoDbKey("task_id", ScalarAttributeType.S)), cancellationToken);
        var backend = drain ? new GpuTestBackend(fixture.Sqs, queue.Url) : new GpuTestBackend();
        var ec2 = await Ec2Emulator.StartAsync(
            new Ec2EmulatorOptions
            {
                Instances = { new Ec2InstanceDefinition(InstanceId) { InitialState = initialState } },
                StartDelay = startDelay ?? TimeSpan.FromMilliseconds(200),
                StopDelay = stopDelay ?? TimeSpan.FromMilliseconds(200),
            },
            backend,
            cancellationToken: cancellationToken);
        return new GpuTestbed(fixture, ec2, backend, queue, table);
    }

    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Fixture.GetServiceEnvironment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        settings["AWS_ENDPOINT_URL_EC2"] = Ec2.Endpoint.ToString();
        settings["AWS:Resources:gpu-instance:InstanceId"] = InstanceId;
        settings["AWS:Resources:gpu_tasks_queue:QueueUrl"] = Queue.Url;
        settings["AWS:Resources:task_store:TableName"] = TableName;
        settings["Gpu:PollInterval"] = "00:00:00.100";
        settings["Gpu:IdleTimeout"] = "00:00:01";
        // Long beside the 100 ms poll, so that a replica stalled by a loaded machine keeps its lease.
        settings["Gpu:LeaseDuration"] = "00:00:03";
        settings["Gpu:MaxBackoff"] = "00:00:00.500";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Starts a controller (an orchestrator replica) in its own host; disposed with the testbed.</summary>
    public async Task<GpuControllerHost> StartControllerAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var host = await GpuControllerHost.StartAsync(Settings(overrides));
        _hosts.Add(host);
        return host;
    }

    /// <summary>The real EC2 client an operator (or the console) would use, pointed at the stand-in.</summary>
    public IAmazonEC2 CreateEc2Client() => AwsEmulatorClients.CreateEc2Client(Ec2.Endpoint);

    public async Task SendAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            await Fixture.Sqs.SendMessageAsync(Queue.Url, $$"""{"taskId":"{{Guid.NewGuid()}}"}""", TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Takes a message and keeps it in flight, as a worker busy with it would.</summary>
    public async Task<Message> ReceiveAndHoldAsync()
    {
        var response = await Fixture.Sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest { QueueUrl = Queue.Url, VisibilityTimeout = 120, WaitTimeSeconds = 1 }, TestContext.Current.CancellationToken);
        return Assert.Single(response.Messages ?? []);
    }

    public Task WaitForStateAsync(Ec2InstanceStateName state, int seconds = 15) =>
        Ec2.WaitForStateAsync(InstanceId, state, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>
    /// Waits until the instance has gone through <paramref name="states"/> in this order since the testbed
    /// started (other states may come between), so that a quick stop-start cycle cannot be missed.
    /// </summary>
    public async Task WaitForTransitionsAsync(params Ec2InstanceStateName[] states)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!IsSubsequence(states, [.. _history]))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The instance went through [{string.Join(", ", _history)}], not [{string.Join(", ", states)}].");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static bool IsSubsequence(Ec2InstanceStateName[] wanted, Ec2InstanceStateName[] seen)
    {
        var next = 0;
        foreach (var state in seen)
        {
            if (next < wanted.Length && state == wanted[next])
            {
                next++;
            }
        }
        return next == wanted.Length;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
        await Ec2.DisposeAsync();
    }
}
