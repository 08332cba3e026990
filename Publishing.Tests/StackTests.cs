using System.Text.Json.Nodes;
using Backend.Hosting.DynamoDb;
using Backend.Hosting.Ec2;
using Backend.Hosting.S3;
using Backend.Hosting.Sqs;
using static Publishing.Tests.Template;

namespace Publishing.Tests;

/// <summary>Every resource and service of the model is in the stack, configured as the model says.</summary>
public sealed class StackTests(PublishedApplication stack, PublishedModel model)
{
    [Fact]
    public void EachQueueHasItsDeadLetterQueueAndRedrive()
    {
        foreach (var queue in model.All<SqsQueueResource>())
        {
            var properties = stack.Resources[LogicalId(stack, "AWS::SQS::Queue", Pascal(queue.Name))]!["Properties"]!;
            var deadLetters = LogicalId(stack, "AWS::SQS::Queue", Pascal(queue.Name) + "DeadLetters");
            Assert.Equal(queue.Definition.MaxReceiveCount, properties["RedrivePolicy"]!["maxReceiveCount"]!.GetValue<int>());
            Assert.True(JsonNode.DeepEquals(GetAtt(deadLetters, "Arn"), properties["RedrivePolicy"]!["deadLetterTargetArn"]));
            Assert.Equal((int)queue.Definition.VisibilityTimeout.TotalSeconds, properties["VisibilityTimeout"]!.GetValue<int>());
            Assert.True(properties["SqsManagedSseEnabled"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void TheTableHasItsKeysIndexesAndTimeToLive()
    {
        foreach (var table in model.All<DynamoDbTableResource>())
        {
            var properties = stack.Resources[LogicalId(stack, "AWS::DynamoDB::Table", Pascal(table.Name))]!["Properties"]!;
            Assert.Equal(table.Definition.PartitionKey.Name, properties["KeySchema"]![0]!["AttributeName"]!.GetValue<string>());
            Assert.Equal(
                table.Definition.GlobalSecondaryIndexes.Select(i => i.IndexName),
                properties["GlobalSecondaryIndexes"]!.AsArray().Select(i => i!["IndexName"]!.GetValue<string>()));
            Assert.Equal(table.Definition.TimeToLiveAttribute, properties["TimeToLiveSpecification"]!["AttributeName"]!.GetValue<string>());
            Assert.Equal("PAY_PER_REQUEST", properties["BillingMode"]!.GetValue<string>());
        }
    }

    [Fact]
    public void TheBucketIsPrivateEncryptedTlsOnlyAndAbortsIncompleteUploads()
    {
        foreach (var bucket in model.All<S3BucketResource>())
        {
            var id = LogicalId(stack, "AWS::S3::Bucket", Pascal(bucket.Name));
            var properties = stack.Resources[id]!["Properties"]!;
            Assert.All(properties["PublicAccessBlockConfiguration"]!.AsObject(), setting => Assert.True(setting.Value!.GetValue<bool>()));
            Assert.Equal("AES256", properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
            Assert.Contains(properties["LifecycleConfiguration"]!["Rules"]!.AsArray(), r => r!["AbortIncompleteMultipartUpload"]!["DaysAfterInitiation"]!.GetValue<int>() == 1);
            var policy = stack.OfType("AWS::S3::BucketPolicy").Single(p => JsonNode.DeepEquals(p.Resource["Properties"]!["Bucket"], Ref(id)));
            Assert.Contains(policy.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray(), s =>
                s!["Effect"]!.GetValue<string>() == "Deny" && s["Condition"]!["Bool"]!["aws:SecureTransport"]!.GetValue<string>() == "false");
        }
    }

    [Fact]
    public void TheGpuInstanceRequiresImdsV2AndRunsItsWorkloadsAsADaemon()
    {
        foreach (var instance in model.All<Ec2InstanceResource>())
        {
            var id = LogicalId(stack, "AWS::EC2::Instance", Pascal(instance.Name));
            var properties = stack.Resources[id]!["Properties"]!;
            Assert.Equal(instance.InstanceType, properties["InstanceType"]!.GetValue<string>());
            var template = properties["LaunchTemplate"]!["Version"]!["Fn::GetAtt"]![0]!.GetValue<string>();
            Assert.Equal("required", stack.Resources[template]!["Properties"]!["LaunchTemplateData"]!["MetadataOptions"]!["HttpTokens"]!.GetValue<string>());
            foreach (var workload in instance.Workloads)
            {
                var service = stack.OfType("AWS::ECS::Service").Single(s => JsonNode.DeepEquals(s.Resource["Properties"]!["TaskDefinition"], Ref(TaskOf(stack, workload.Name).Id)));
                Assert.Equal("DAEMON", service.Resource["Properties"]!["SchedulingStrategy"]!.GetValue<string>());
                Assert.Contains(Ref(id).ToJsonString(), service.Resource["Properties"]!["PlacementConstraints"]!.ToJsonString(), StringComparison.Ordinal);
                Assert.Equal(1, Container(stack, workload.Name)["ResourceRequirements"]!.AsArray().Count(r => r!["Type"]!.GetValue<string>() == "GPU"));
            }
        }
    }

    [Fact]
    public void EachProjectIsAServiceListeningOnTheModelsPortWithAnAliveCheck()
    {
        foreach (var project in model.Projects)
        {
            var container = Container(stack, project.Name);
            if (project.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == "http") is not { } endpoint)
            {
                Assert.Null(container["PortMappings"]);
                continue;
            }

            var port = endpoint.TargetPort ?? endpoint.Port;
            Assert.Equal(port, container["PortMappings"]![0]!["ContainerPort"]!.GetValue<int>());
            var check = container["HealthCheck"]!["Command"]!.ToJsonString();
            Assert.Contains($"/dev/tcp/127.0.0.1/{port}", check, StringComparison.Ordinal);
            Assert.Contains("GET /alive ", check, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExternalServicesAreBehindTheLoadBalancerCheckedOnTheirHealthPath()
    {
        var external = model.Projects.Where(p => p.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "http" && e.IsExternal)).ToList();
        Assert.NotEmpty(external);
        foreach (var project in external)
        {
            var group = stack.OfType("AWS::ElasticLoadBalancingV2::TargetGroup").Single(g => g.Id.StartsWith($"LoadBalancerHttp{Pascal(project.Name)}", StringComparison.Ordinal));
            Assert.Equal(PublishedModel.HealthCheckPath(project), group.Resource["Properties"]!["HealthCheckPath"]!.GetValue<string>());
            Assert.NotNull(stack.Template["Outputs"]![$"{Pascal(project.Name)}Url"]);
        }
    }

    [Fact]
    public void CalledServicesAreReachedThroughServiceConnectByTheirName()
    {
        foreach (var caller in model.Projects)
        {
            var environment = Container(stack, caller.Name)["Environment"]!.AsArray();
            foreach (var callee in caller.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource).OfType<ProjectResource>())
            {
                var port = callee.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port;
                Assert.Contains(environment, e => e!["Name"]!.GetValue<string>() == $"services__{callee.Name}__http__0" && e["Value"]!.GetValue<string>() == $"http://{callee.Name}:{port}");
                var server = stack.OfType("AWS::ECS::Service").Single(s => JsonNode.DeepEquals(s.Resource["Properties"]!["TaskDefinition"], Ref(TaskOf(stack, callee.Name).Id)));
                Assert.Equal(callee.Name, server.Resource["Properties"]!["ServiceConnectConfiguration"]!["Services"]![0]!["ClientAliases"]![0]!["DnsName"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task SecretsAreEcsSecretsAndNoPublishedFileHoldsASecretValue()
    {
        foreach (var project in model.Projects)
        {
            var container = Container(stack, project.Name);
            foreach (var name in (await PublishedModel.SecretsAsync(project)).Keys)
            {
                Assert.Contains(container["Secrets"]!.AsArray(), s => s!["Name"]!.GetValue<string>() == name);
                Assert.DoesNotContain(container["Environment"]!.AsArray(), e => e!["Name"]!.GetValue<string>() == name);
            }
        }

        foreach (var file in Directory.EnumerateFiles(stack.Directory, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.All(AppHostProcess.SecretValues.Values, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void APlainParameterIsAStackParameterWithoutADefaultThatTheContainerReads()
    {
        var issuer = stack.Template["Parameters"]!["SupabaseIssuer"]!.AsObject();
        var environment = Container(stack, "canvas-api")["Environment"]!.AsArray();

        Assert.False(issuer.ContainsKey("Default"));
        Assert.Contains(environment, e => e!["Name"]!.GetValue<string>() == "Auth__Issuer" && JsonNode.DeepEquals(e["Value"], Ref("SupabaseIssuer")));
        Assert.DoesNotContain(AppHostProcess.PlainValues["Parameters__supabase-issuer"], stack.Template.ToJsonString(), StringComparison.Ordinal);
    }
}
