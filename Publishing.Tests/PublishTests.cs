namespace Publishing.Tests;

/// <summary>
/// <c>--operation publish --step publish</c> writes the stack offline (no Docker, network or AWS account), and the same
/// model gives the same bytes: the committed snapshot is what the AppHost publishes now.
/// </summary>
public sealed class PublishTests(PublishedApplication stack)
{
    private const string Regenerate =
        "regenerate it with `dotnet run --project AppHost -- --operation publish --step publish --output-path ../Publishing.Tests/Snapshots` and commit it";

    [Fact]
    public void PublishWritesTheTemplateAndItsParametersFile()
    {
        Assert.True(File.Exists(stack.TemplatePath));
        Assert.True(File.Exists(stack.ParametersPath));
        Assert.NotEmpty(stack.Resources);
    }

    [Fact]
    public async Task PublishingTheSameModelAgainGivesTheSameBytes()
    {
        var again = Directory.CreateTempSubdirectory("ecs-publish-again-").FullName;
        try
        {
            await AppHostProcess.PublishAsync(again, TestContext.Current.CancellationToken);
            foreach (var file in new[] { stack.TemplatePath, stack.ParametersPath })
            {
                var twin = Path.Combine(again, "aws", Path.GetFileName(file));
                Assert.Equal(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(twin, TestContext.Current.CancellationToken));
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public async Task TheCommittedSnapshotIsWhatTheAppHostPublishes()
    {
        foreach (var file in new[] { stack.TemplatePath, stack.ParametersPath })
        {
            var committed = Path.Combine(RepositoryFiles.Snapshots, "aws", Path.GetFileName(file));
            Assert.True(File.Exists(committed), $"{committed} is missing: {Regenerate}.");
            Assert.True(
                await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken) == await File.ReadAllTextAsync(committed, TestContext.Current.CancellationToken),
                $"{Path.GetFileName(file)} is out of date: {Regenerate}.");
        }
    }
}
