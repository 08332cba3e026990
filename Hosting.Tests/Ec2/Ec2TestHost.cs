using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Backend.Hosting.Ec2;

namespace Backend.Hosting.Tests.Ec2;

/// <summary>An emulator with a recording backend, and the real SDK client pointed at it.</summary>
internal sealed class Ec2TestHost : IAsyncDisposable
{
    public const string GpuInstance = "i-0123456789abcdef0";
    public const string OtherInstance = "i-0fedcba9876543210";

    private Ec2TestHost(Ec2Emulator emulator, RecordingBackend backend)
    {
        Emulator = emulator;
        Backend = backend;
        Client = new AmazonEC2Client(
            new BasicAWSCredentials("test", "test"),
            new AmazonEC2Config { ServiceURL = emulator.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
    }

    public Ec2Emulator Emulator { get; }

    public RecordingBackend Backend { get; }

    public AmazonEC2Client Client { get; }

    /// <summary>Starts an emulator with tiny delays; by default one stopped g5.xlarge instance.</summary>
    public static async Task<Ec2TestHost> StartAsync(
        Ec2InstanceDefinition[]? instances = null, TimeSpan? statusCheckDelay = null)
    {
        var backend = new RecordingBackend();
        var emulator = await Ec2Emulator.StartAsync(
            new Ec2EmulatorOptions
            {
                Instances = instances ?? [new Ec2InstanceDefinition(GpuInstance) { Tags = new Dictionary<string, string> { ["Name"] = "gpu" } }],
                StartDelay = TimeSpan.FromMilliseconds(30),
                StopDelay = TimeSpan.FromMilliseconds(10),
                StatusCheckDelay = statusCheckDelay ?? TimeSpan.Zero,
            },
            backend,
            cancellationToken: TestContext.Current.CancellationToken);
        return new Ec2TestHost(emulator, backend);
    }

    public Task<Instance> DescribeAsync(string instanceId) => DescribeWithinAsync(instanceId, TestContext.Current.CancellationToken);

    private async Task<Instance> DescribeWithinAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await Client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
        return Assert.Single(Assert.Single(response.Reservations).Instances);
    }

    /// <summary>Polls DescribeInstances, as the orchestrator will, until the instance is in the state.</summary>
    public async Task<Instance> WaitForStateAsync(string instanceId, InstanceStateName state)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var instance = await DescribeWithinAsync(instanceId, timeout.Token);
            if (instance.State.Name == state)
            {
                return instance;
            }
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Waits, with a timeout, until a condition on the emulator's own view holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async Task<InstanceStateChange> StartAsync(string instanceId = GpuInstance) => Assert.Single(
        (await Client.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [instanceId] }, TestContext.Current.CancellationToken))
        .StartingInstances);

    public async Task<InstanceStateChange> StopAsync(string instanceId = GpuInstance, bool force = false) => Assert.Single(
        (await Client.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId], Force = force }, TestContext.Current.CancellationToken))
        .StoppingInstances);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Backend.HoldStarts?.TrySetResult();
        Backend.HoldGracefulStops?.TrySetResult();
        await Emulator.DisposeAsync();
    }
}
