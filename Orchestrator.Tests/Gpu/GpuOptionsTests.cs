using Backend.Orchestrator.Gpu;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tests.Gpu;

public sealed class GpuOptionsTests
{
    private static GpuOptions Resolve(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGpuController();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<GpuOptions>>().Value;
    }

    private static Dictionary<string, string?> Resources() => new()
    {
        ["AWS:Resources:gpu-instance:InstanceId"] = "i-0123456789abcdef0",
        ["AWS:Resources:gpu_tasks_queue:QueueUrl"] = "http://127.0.0.1:1/000000000000/gpu_tasks_queue",
        ["AWS:Resources:task_store:TableName"] = "task_store",
    };

    [Fact]
    public void TheInstanceQueueAndTableComeFromTheReferencedAwsResources()
    {
        var options = Resolve(Resources());

        Assert.Equal("i-0123456789abcdef0", options.InstanceId);
        Assert.EndsWith("/gpu_tasks_queue", options.QueueUrl);
        Assert.Equal("task_store", options.TableName);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.IdleTimeout);
    }

    [Fact]
    public void TheGpuSectionOverridesTheDefaults()
    {
        var settings = Resources();
        settings["Gpu:InstanceId"] = "i-0fedcba9876543210";
        settings["Gpu:IdleTimeout"] = "00:00:01";

        var options = Resolve(settings);

        Assert.Equal("i-0fedcba9876543210", options.InstanceId);
        Assert.Equal(TimeSpan.FromSeconds(1), options.IdleTimeout);
    }

    [Fact]
    public void AMissingInstanceIdNamesTheVariableToSet()
    {
        var settings = Resources();
        settings.Remove("AWS:Resources:gpu-instance:InstanceId");

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("AWS__Resources__gpu-instance__InstanceId", error.Message);
    }

    [Fact]
    public void AnInstanceIdThatIsNotOneIsRejected()
    {
        var settings = Resources();
        settings["Gpu:InstanceId"] = "gpu-instance";

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("not an EC2 instance id", error.Message);
    }

    [Fact]
    public void ALeaseShorterThanTwoPollsIsRejected()
    {
        var settings = Resources();
        settings["Gpu:PollInterval"] = "00:00:10";
        settings["Gpu:LeaseDuration"] = "00:00:15";

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("LeaseDuration", error.Message);
    }

    [Fact]
    public void AnIntervalOutOfRangeIsRejected()
    {
        var settings = Resources();
        settings["Gpu:PollInterval"] = "00:00:00.001";

        Assert.Throws<OptionsValidationException>(() => Resolve(settings));
    }

    [Fact]
    public void ADisabledControllerNeedsNoResources() =>
        Assert.False(Resolve(new() { ["Gpu:Enabled"] = "false" }).Enabled);
}
