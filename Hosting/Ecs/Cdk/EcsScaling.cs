using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.ECS;
using Backend.Hosting.Ecs.Publishing;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// Autoscaling of each Fargate service: CPU target tracking between its desired and maximum count, and, for a service
/// whose options name a queue, steps on that queue's backlog (the orchestrator's CPU worker drains cpu_tasks_queue).
/// </summary>
internal static class EcsScaling
{
    public static void Add(StackContext context, IReadOnlyDictionary<EcsService, FargateService> services)
    {
        foreach (var (service, fargate) in services)
        {
            var options = service.Options;
            var scaling = fargate.AutoScaleTaskCount(new EnableScalingProps
            {
                MinCapacity = options.DesiredCount,
                MaxCapacity = Math.Max(options.MaxCount, options.DesiredCount),
            });
            scaling.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps
            {
                TargetUtilizationPercent = options.TargetCpuPercent,
                ScaleOutCooldown = Duration.Seconds(60),
                ScaleInCooldown = Duration.Seconds(300),
            });
            if (options.Backlog is not var (queueName, messagesPerTask))
            {
                continue;
            }

            var queue = service.References.OfType<Sqs.SqsQueueResource>().SingleOrDefault(q => q.Name == queueName)
                ?? throw new InvalidOperationException($"'{service.Name}' scales on the backlog of '{queueName}', a queue it does not reference.");
            scaling.ScaleOnMetric("Backlog", new BasicStepScalingPolicyProps
            {
                Metric = ((QueueResource)context.Resources[queue]).Queue.MetricApproximateNumberOfMessagesVisible(
                    new Amazon.CDK.AWS.CloudWatch.MetricOptions { Period = Duration.Minutes(1) }),
                AdjustmentType = AdjustmentType.CHANGE_IN_CAPACITY,
                ScalingSteps =
                [
                    new ScalingInterval { Upper = 0, Change = -1 },
                    new ScalingInterval { Lower = messagesPerTask, Change = +1 },
                    new ScalingInterval { Lower = messagesPerTask * 5, Change = +3 },
                ],
                Cooldown = Duration.Seconds(120),
            });
        }
    }
}
