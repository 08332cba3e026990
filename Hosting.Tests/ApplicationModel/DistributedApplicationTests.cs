namespace Backend.Hosting.Tests.ApplicationModel;

public sealed class DistributedApplicationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("appmodel-app-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WithoutAPublisherTheApplicationIsInRunMode()
    {
        var builder = TestApplication.CreateRunBuilder();

        Assert.True(builder.ExecutionContext.IsRunMode);
        Assert.True(TestApplication.CreatePublishBuilder().ExecutionContext.IsPublishMode);
    }

    [Fact]
    public async Task RunningLocallySaysItIsNotImplementedAndFails()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { AppHostDirectory = _directory });

        Assert.Equal(1, await builder.Build().RunAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PublishingWritesTheManifestRelativeToTheAppHostDirectory()
    {
        var appHost = Directory.CreateDirectory(Path.Combine(_directory, "AppHost")).FullName;
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--publisher", "manifest", "--output-path", "../aspire-manifest.json"],
            AppHostDirectory = appHost,
        });
        builder.AddS3Bucket("images");

        var exitCode = await builder.Build().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(_directory, "aspire-manifest.json")));
        Assert.True(File.Exists(Path.Combine(_directory, "cloudformation", "images.template.json")));
    }

    [Theory]
    [InlineData("--publisher", "nonesuch", "--output-path", "out.json")]
    [InlineData("--publisher", "manifest")]
    public async Task PublishingWithAnUnknownPublisherOrNoOutputPathFails(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, AppHostDirectory = _directory });

        Assert.Equal(2, await builder.Build().RunAsync(TestContext.Current.CancellationToken));
    }
}
