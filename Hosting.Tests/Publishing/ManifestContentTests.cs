using System.Text.Json.Nodes;
using Backend.Hosting.ApplicationModel.Aws;
using Backend.Hosting.Publishing.CloudFormation;

namespace Backend.Hosting.Tests.Publishing;

public sealed class ManifestContentTests
{
    [Fact]
    public async Task AProjectIsWrittenWithItsPathEnvironmentPlaceholdersAndBindings()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        var project = manifest.Resources["canvas-api"]!.AsObject();
        var path = project["path"]!.GetValue<string>();
        project.Remove("path");

        Assert.StartsWith("../", path, StringComparison.Ordinal);
        Assert.Equal("/repo/Canvas.Api/Canvas.Api.csproj", Path.GetFullPath(path, manifest.Directory));
        AssertJson(
            """
            {
              "type": "project.v0",
              "env": {
                "OTEL_SERVICE_NAME": "canvas-api",
                "HTTP_PORTS": "{canvas-api.bindings.http.targetPort}",
                "ConnectionStrings__canvasdb": "{canvasdb.connectionString}",
                "AWS__Resources__images__BucketName": "{images.output.BucketName}",
                "AWS_REGION": "us-east-1",
                "services__orchestrator__http__0": "{orchestrator.bindings.http.url}",
                "services__orchestrator__https__0": "{orchestrator.bindings.https.url}",
                "Auth__JwtSecret": "{jwt-secret.value}"
              },
              "bindings": {
                "http": { "scheme": "http", "protocol": "tcp", "transport": "http", "port": 9000, "targetPort": 9000, "external": true }
              }
            }
            """,
            project);
    }

    [Fact]
    public async Task ParametersAreWrittenAsInputsMarkedSecretAndGeneratedWhereDeclared()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);

        AssertJson("""{ "type": "parameter.v0", "value": "{jwt-secret.inputs.value}", "inputs": { "value": { "type": "string", "secret": true } } }""",
            manifest.Resources["jwt-secret"]);
        AssertJson("""{ "type": "parameter.v0", "value": "{feature-flag.inputs.value}", "inputs": { "value": { "type": "string" } } }""",
            manifest.Resources["feature-flag"]);
        AssertJson(
            """
            { "type": "parameter.v0", "value": "{postgres-password.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true, "default": { "generate": { "minLength": 22, "special": false } } } } }
            """,
            manifest.Resources["postgres-password"]);
    }

    [Fact]
    public async Task PostgresIsAContainerAndItsDatabaseAValueWithAConnectionString()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);

        Assert.Equal("container.v0", manifest.Resources["postgres"]!["type"]!.GetValue<string>());
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            manifest.Resources["postgres"]!["connectionString"]!.GetValue<string>());
        AssertJson("""{ "type": "value.v0", "connectionString": "{postgres.connectionString};Database=canvas" }""", manifest.Resources["canvasdb"]);
    }

    [Fact]
    public async Task AnAwsResourceIsATemplateStackListingTheResourcesThatReferenceIt()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);

        AssertJson(
            """
            {
              "type": "aws.cloudformation.template.v0",
              "stack-name": "gpu-tasks-queue",
              "template-path": "cloudformation/gpu_tasks_queue.template.json",
              "references": [ { "target-resource": "orchestrator" }, { "target-resource": "gpuworker" } ]
            }
            """,
            manifest.Resources["gpu_tasks_queue"]);
    }

    [Fact]
    public async Task AQueueTemplateHasTheDeadLetterQueueRedriveAndVisibilityTimeout()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        var queue = manifest.Template("gpu_tasks_queue")["Resources"]!["Queue"]!["Properties"]!;

        Assert.Equal(300, queue["VisibilityTimeout"]!.GetValue<int>());
        Assert.Equal(5, queue["RedrivePolicy"]!["maxReceiveCount"]!.GetValue<int>());
        AssertJson("""{ "Fn::GetAtt": ["DeadLetterQueue", "Arn"] }""", queue["RedrivePolicy"]!["deadLetterTargetArn"]);
        Assert.Null(manifest.Template("cpu_tasks_queue")["Resources"]!["DeadLetterQueue"]);
    }

    [Fact]
    public async Task ATableTemplateHasItsKeysIndexAndTimeToLive()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        var table = manifest.Template("task_store")["Resources"]!["Table"]!["Properties"]!;

        AssertJson(
            """[{ "AttributeName": "task_id", "KeyType": "HASH" }, { "AttributeName": "attempt", "KeyType": "RANGE" }]""", table["KeySchema"]);
        Assert.Equal(
            ["task_id:S", "attempt:N", "session_id:S", "created_at:S"],
            table["AttributeDefinitions"]!.AsArray().Select(a => $"{a!["AttributeName"]}:{a["AttributeType"]}"));
        Assert.Equal("by_session", table["GlobalSecondaryIndexes"]![0]!["IndexName"]!.GetValue<string>());
        AssertJson("""{ "AttributeName": "expires_at", "Enabled": true }""", table["TimeToLiveSpecification"]);
    }

    [Fact]
    public async Task EveryTemplateOutputsExactlyTheValuesItsReferencesPassToServices()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        var builder = Tests.ApplicationModel.TestApplication.CreatePublishBuilder();
        PublishedManifest.DeclareEveryKind(builder);

        foreach (var resource in builder.Resources.OfType<IAwsResource>())
        {
            var template = CloudFormationTemplates.For(resource);
            Assert.Equal(resource.Outputs.Select(o => o.Name), template["Outputs"]!.AsObject().Select(o => o.Key));
            Assert.True(JsonNode.DeepEquals(template, manifest.Template(resource.Name)), $"the template file of {resource.Name} is the template");
        }
    }

    [Fact]
    public async Task TheInstanceTemplateHasItsTypeAndAGpuImage()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);
        var template = manifest.Template("gpu-instance");

        Assert.Equal("g5.xlarge", template["Resources"]!["Instance"]!["Properties"]!["InstanceType"]!.GetValue<string>());
        Assert.Contains("deeplearning", template["Parameters"]!["ImageId"]!["Default"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExecutableIsWrittenWithItsCommandDirectoryArgumentsAndPortVariable()
    {
        using var manifest = await PublishedManifest.PublishAsync(PublishedManifest.DeclareEveryKind);

        AssertJson(
            """
            {
              "type": "executable.v0", "workingDirectory": "tools", "command": "node", "args": ["launch.mjs"],
              "env": { "PORT": "{launcher.bindings.http.targetPort}" },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http" } }
            }
            """,
            manifest.Resources["launcher"]);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual {actual?.ToJsonString()}");
}
