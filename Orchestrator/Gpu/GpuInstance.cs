using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Gpu;

/// <summary>
/// The GPU instance through the EC2 API. A start or stop that EC2 refuses for the instance's state
/// (<c>IncorrectInstanceState</c>: a start while stopping, a stop while pending) is an expected race,
/// answered as <see cref="GpuEc2Result.Refused"/> rather than thrown, so the controller can retry it later.
/// </summary>
internal sealed class GpuInstance(IAmazonEC2 ec2, IOptions<GpuOptions> options)
{
    private const string IncorrectInstanceState = "IncorrectInstanceState";

    private string InstanceId => options.Value.InstanceId;

    public async Task<GpuInstanceState> DescribeAsync(CancellationToken cancellationToken)
    {
        var response = await ec2.DescribeInstancesAsync(
            new DescribeInstancesRequest { InstanceIds = [InstanceId] }, cancellationToken).ConfigureAwait(false);
        var instance = response.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == InstanceId)
            ?? throw new InvalidOperationException($"DescribeInstances did not return the GPU instance '{InstanceId}'.");
        return ToState(instance.State?.Name);
    }

    public async Task<GpuEc2Result> StartAsync(CancellationToken cancellationToken)
    {
        using var activity = BackendTelemetry.StartBackgroundActivity("gpu-instance start");
        activity?.SetTag("aws.ec2.instance_ids", InstanceId);
        try
        {
            var response = await ec2.StartInstancesAsync(
                new StartInstancesRequest { InstanceIds = [InstanceId] }, cancellationToken).ConfigureAwait(false);
            var change = response.StartingInstances?.FirstOrDefault();
            return GpuEc2Result.Accepted(ToState(change?.PreviousState?.Name), ToState(change?.CurrentState?.Name));
        }
        catch (AmazonEC2Exception exception) when (exception.ErrorCode == IncorrectInstanceState)
        {
            return GpuEc2Result.Refused($"{exception.ErrorCode}: {exception.Message}");
        }
    }

    public async Task<GpuEc2Result> StopAsync(bool force, CancellationToken cancellationToken)
    {
        using var activity = BackendTelemetry.StartBackgroundActivity(force ? "gpu-instance force stop" : "gpu-instance stop");
        activity?.SetTag("aws.ec2.instance_ids", InstanceId);
        try
        {
            var response = await ec2.StopInstancesAsync(
                new StopInstancesRequest { InstanceIds = [InstanceId], Force = force }, cancellationToken).ConfigureAwait(false);
            var change = response.StoppingInstances?.FirstOrDefault();
            return GpuEc2Result.Accepted(ToState(change?.PreviousState?.Name), ToState(change?.CurrentState?.Name));
        }
        catch (AmazonEC2Exception exception) when (exception.ErrorCode == IncorrectInstanceState)
        {
            return GpuEc2Result.Refused($"{exception.ErrorCode}: {exception.Message}");
        }
    }

    internal static GpuInstanceState ToState(InstanceStateName? name) => name?.Value switch
    {
        "pending" => GpuInstanceState.Pending,
        "running" => GpuInstanceState.Running,
        "stopping" => GpuInstanceState.Stopping,
        "stopped" => GpuInstanceState.Stopped,
        "shutting-down" => GpuInstanceState.ShuttingDown,
        "terminated" => GpuInstanceState.Terminated,
        _ => GpuInstanceState.Unknown,
    };
}

/// <summary>The outcome of a start or stop: accepted (with the states EC2 reports) or refused for the instance's state.</summary>
internal sealed record GpuEc2Result(bool IsAccepted, GpuInstanceState Previous, GpuInstanceState Current, string? RefusedBecause)
{
    public static GpuEc2Result Accepted(GpuInstanceState previous, GpuInstanceState current) => new(true, previous, current, null);

    public static GpuEc2Result Refused(string message) => new(false, GpuInstanceState.Unknown, GpuInstanceState.Unknown, message);
}
