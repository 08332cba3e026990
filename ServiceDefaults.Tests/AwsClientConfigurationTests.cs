using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests;

public sealed class AwsClientConfigurationTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void ServiceSpecificEndpointWinsOverTheGlobalOne()
    {
        var config = AwsClientExtensions.CreateAwsConfig<AmazonSQSConfig>(
            Settings(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:2222"), ("AWS_REGION", "eu-west-1")),
            "SQS");

        Assert.Equal("http://127.0.0.1:2222/", new Uri(config.ServiceURL).ToString());
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public void GlobalEndpointAppliesWhenNoServiceSpecificOneIsSet()
    {
        var config = AwsClientExtensions.CreateAwsConfig<AmazonSQSConfig>(Settings(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111")), "SQS");

        Assert.Equal("http://127.0.0.1:1111/", new Uri(config.ServiceURL).ToString());
    }

    [Fact]
    public void WithoutAnEndpointOverrideTheRegionSelectsTheAwsEndpoint()
    {
        var config = AwsClientExtensions.CreateAwsConfig<AmazonSQSConfig>(Settings(("AWS_REGION", "eu-central-1")), "SQS");

        Assert.Null(config.ServiceURL);
        Assert.Equal(RegionEndpoint.EUCentral1, config.RegionEndpoint);
    }

    [Fact]
    public void StaticCredentialsAreUsedOnlyWhenBothKeysAreConfigured()
    {
        Assert.IsType<BasicAWSCredentials>(AwsClientExtensions.CreateAwsCredentials(
            Settings(("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"))));
        Assert.Null(AwsClientExtensions.CreateAwsCredentials(Settings(("AWS_ACCESS_KEY_ID", "test"))));
    }

    [Fact]
    public void S3ClientUsesPathStyleAddressingAgainstAnEmulator()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:3333",
            ["AWS_REGION"] = "us-east-1",
        });
        builder.AddS3Client();
        using var services = builder.Services.BuildServiceProvider();

        var s3 = services.GetRequiredService<IAmazonS3>();

        Assert.True(((AmazonS3Config)s3.Config).ForcePathStyle);
    }

    [Fact]
    public void AMissingResourceNamesTheVariableThatSetsIt()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Settings().GetAwsResource("gpu_tasks_queue", "QueueUrl"));

        Assert.Contains("AWS__Resources__gpu_tasks_queue__QueueUrl", failure.Message, StringComparison.Ordinal);
    }
}
