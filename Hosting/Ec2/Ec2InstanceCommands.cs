using Amazon.EC2.Model;
using Amazon.Runtime;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Aws;

namespace Backend.Hosting.Ec2;

/// <summary>
/// Start and Stop on an instance in the dashboard. They go through the EC2 API, so the orchestrator's GPU controller sees
/// exactly what it would see if someone started or stopped the instance in the AWS console.
/// </summary>
internal static class Ec2InstanceCommands
{
    public const string StartCommand = "start-instance";
    public const string StopCommand = "stop-instance";

    public static IResourceBuilder<Ec2InstanceResource> WithInstanceCommands(this IResourceBuilder<Ec2InstanceResource> builder)
    {
        var instance = builder.Resource;
        return builder
            .WithCommand(StartCommand, "Start", context => CallAsync(instance, start: true, context.CancellationToken), new CommandOptions
            {
                Description = "StartInstances through the EC2 API: the instance boots and its workloads start.",
                IconName = "Play",
                IsHighlighted = true,
                UpdateState = context => context.ResourceSnapshot.State?.Text == "Stopped" ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(StopCommand, "Stop", context => CallAsync(instance, start: false, context.CancellationToken), new CommandOptions
            {
                Description = "StopInstances through the EC2 API: its workloads stop, then the instance.",
                IconName = "Stop",
                IsHighlighted = true,
                UpdateState = context => context.ResourceSnapshot.State?.Text is "Running" or "Pending" ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            });
    }

    private static async Task<ExecuteCommandResult> CallAsync(Ec2InstanceResource instance, bool start, CancellationToken cancellationToken)
    {
        var id = await instance.GetOutputAsync("InstanceId", cancellationToken).ConfigureAwait(false);
        var endpoint = await instance.GetOutputAsync(Ec2InstanceResource.EndpointOutput, cancellationToken).ConfigureAwait(false);
        using var ec2 = AwsEmulatorClients.CreateEc2Client(new Uri(endpoint));
        try
        {
            if (start)
            {
                await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [id] }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [id] }, cancellationToken).ConfigureAwait(false);
            }
            return CommandResults.Success();
        }
        catch (AmazonServiceException ex)
        {
            // IncorrectInstanceState and the like: what EC2 says is what the developer needs to read.
            return CommandResults.Failure($"{ex.ErrorCode}: {ex.Message}");
        }
    }
}
