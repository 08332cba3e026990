namespace Publishing.Tests;

/// <summary>
/// <c>--step deploy --dry-run</c> and <c>--step destroy --dry-run</c> print the plan and run none of it: an <c>aws</c>
/// first on the PATH that records being called is never called.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DryRunTests(PublishedApplication stack, PublishedModel model) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecs-dry-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DeployDryRunPrintsEveryCommandAndRunsNone()
    {
        var lines = await DryRunAsync("deploy");

        foreach (var project in model.Projects)
        {
            var repository = $"{PublishedApplication.StackName}/{project.Name}";
            Assert.Contains(lines, l => l.StartsWith($"aws ecr describe-repositories --region eu-west-1 --repository-names {repository} ", StringComparison.Ordinal)
                && l.Contains($"|| aws ecr create-repository --region eu-west-1 --repository-name {repository} ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains($"dotnet publish {project.GetProjectMetadata().ProjectPath} -c Release -t:PublishContainer ", StringComparison.Ordinal)
                && l.Contains($"-p:ContainerRepository={repository} -p:ContainerImageTag=dry-run-tag", StringComparison.Ordinal)
                && l.StartsWith("DOTNET_CONTAINER_REGISTRY_UNAME=AWS DOTNET_CONTAINER_REGISTRY_PWORD=$ECR_PASSWORD ", StringComparison.Ordinal));
        }

        var deploy = Assert.Single(lines, l => l.StartsWith("aws cloudformation deploy --region eu-west-1 --stack-name canvas ", StringComparison.Ordinal));
        var parameters = stack.Template["Parameters"]!.AsObject().Select(p => p.Key).Where(p => p.EndsWith("SecretArn", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.Contains($" {p}=$", deploy, StringComparison.Ordinal));
        Assert.Contains(" ImageTag=dry-run-tag", deploy, StringComparison.Ordinal);
        // A plain parameter is a stack parameter, given the AppHost's value.
        Assert.Contains($" SupabaseIssuer={AppHostProcess.PlainValues["Parameters__supabase-issuer"]}", deploy, StringComparison.Ordinal);
        Assert.All(parameters, p => Assert.Contains(lines, l => l.StartsWith("aws secretsmanager create-secret ", StringComparison.Ordinal) && l.Contains("file:///dev/stdin", StringComparison.Ordinal)));
        Assert.Equal("echo \"canvas-api: $CANVAS_API_URL\"", lines[^1]);
    }

    [Fact]
    public async Task DestroyDryRunPrintsTheStackDeletionAndRunsNothing()
    {
        var lines = await DryRunAsync("destroy");

        Assert.Equal(
            ["aws cloudformation delete-stack --region eu-west-1 --stack-name canvas", "aws cloudformation wait stack-delete-complete --region eu-west-1 --stack-name canvas"],
            lines.SkipWhile(l => !l.StartsWith("# destroy-aws --dry-run", StringComparison.Ordinal)).Skip(1));
    }

    private async Task<string[]> DryRunAsync(string step)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        var marker = Path.Combine(_directory, "aws-was-called");
        var fakeAws = Path.Combine(bin, "aws");
        await File.WriteAllTextAsync(fakeAws, $"#!/bin/sh\ntouch '{marker}'\nexit 1\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fakeAws, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var (exitCode, output) = await AppHostProcess.RunAsync(
            ["--operation", "publish", "--step", step, "--output-path", Path.Combine(_directory, "out"), "--Ecs:Region=eu-west-1", "--Ecs:ImageTag=dry-run-tag", "--dry-run"],
            TestContext.Current.CancellationToken,
            new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" });

        Assert.True(exitCode == 0, $"The {step} dry run failed ({exitCode}):\n{output}");
        Assert.False(File.Exists(marker), $"The {step} dry run ran aws:\n{output}");
        Assert.All(AppHostProcess.SecretValues.Values, secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
        return [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && !l.StartsWith("info:", StringComparison.Ordinal) && !l.StartsWith("!!", StringComparison.Ordinal))];
    }
}
