using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Backend.Hosting.Ecs.Publishing;

namespace Backend.Hosting.Ecs.Cdk;

/// <summary>
/// The services with external endpoints behind one internet-facing Application Load Balancer: its target group checks
/// the service's health check path from the model, and only the load balancer reaches the tasks.
/// </summary>
internal static class PublicEndpoints
{
    // HTTPS on 443 with an ACM certificate given as a parameter; port 80 only redirects. Tokens never cross the internet in clear.
    private static ApplicationListener HttpsListener(StackContext context, ApplicationLoadBalancer loadBalancer)
    {
        var certificate = new CfnParameter(context.Stack, "CertificateArn", new CfnParameterProps
        {
            Type = "String",
            AllowedPattern = "^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$",
            Description = "The ACM certificate of the public endpoint (its domain's CNAME points at the load balancer).",
        });
        loadBalancer.AddRedirect(new ApplicationLoadBalancerRedirectConfig { SourcePort = 80, TargetPort = 443 });
        return loadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Open = true,
            Certificates = [ListenerCertificate.FromArn(certificate.ValueAsString)],
            SslPolicy = SslPolicy.RECOMMENDED_TLS,
        });
    }

    public static void Add(StackContext context, IReadOnlyDictionary<EcsService, FargateService> services)
    {
        var external = services.Where(s => s.Key.IsExternal && s.Key.Port is not null).ToList();
        if (external.Count == 0)
        {
            return;
        }

        var loadBalancer = new ApplicationLoadBalancer(context.Stack, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = context.Vpc,
            InternetFacing = true,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
        });
        var listener = context.Environment.UseHttps ? HttpsListener(context, loadBalancer) : loadBalancer.AddListener("Http", new BaseApplicationListenerProps { Port = 80, Open = true });
        // One public service gets the listener's default action; a second would need a host or path rule of its own.
        if (external.Count > 1)
        {
            throw new InvalidOperationException(
                $"The ECS environment puts one external service behind the load balancer; {string.Join(", ", external.Select(s => s.Key.Name))} are external.");
        }

        var (service, fargate) = external[0];
        listener.AddTargets(StackResource.Id(service.Name), new AddApplicationTargetsProps
        {
            Port = service.Port!.Value,
            Protocol = ApplicationProtocol.HTTP,
            Targets = [fargate],
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = service.HealthPath ?? "/",
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                HealthyThresholdCount = 2,
            },
        });
        _ = new CfnOutput(context.Stack, StackResource.Id(service.Name) + "Url", new CfnOutputProps
        {
            Value = $"{(context.Environment.UseHttps ? "https" : "http")}://{loadBalancer.LoadBalancerDnsName}",
            Description = $"The public URL of {service.Name}.",
        });
    }
}
