using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Publishing.Tests;

/// <summary>
/// The CloudFormation resource specification as the CDK team ships it (npm <c>@aws-cdk/aws-service-spec</c>,
/// <c>db.json.gz</c>: every resource type, its properties and attributes, their types), pinned by the lock file beside
/// it and installed with <c>npm ci</c> on first use.
/// </summary>
internal sealed class CloudFormationSpec
{
    private static readonly string Directory = Path.Combine(RepositoryFiles.Root, "Publishing.Tests", "CloudFormationSpec");
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static CloudFormationSpec? _loaded;

    private CloudFormationSpec(JsonDocument database)
    {
        var schema = database.RootElement.GetProperty("schema");
        Resources = schema.GetProperty("resource").GetProperty("entities").EnumerateArray()
            .Where(e => e.TryGetProperty("cloudFormationType", out _))
            .GroupBy(e => e.GetProperty("cloudFormationType").GetString()!)
            .ToDictionary(g => g.Key, g => g.First());
        Types = schema.GetProperty("typeDefinition").GetProperty("entities").EnumerateArray()
            .ToDictionary(e => e.GetProperty("$id").GetString()!);
    }

    /// <summary>Resource types by name (<c>AWS::SQS::Queue</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Resources { get; }

    /// <summary>Property types by id, as resource properties reference them.</summary>
    public IReadOnlyDictionary<string, JsonElement> Types { get; }

    public static async Task<CloudFormationSpec> LoadAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is null)
            {
                var database = Path.Combine(Directory, "node_modules", "@aws-cdk", "aws-service-spec", "db.json.gz");
                if (!File.Exists(database))
                {
                    await NpmCiAsync(cancellationToken);
                }

                await using var file = File.OpenRead(database);
                await using var gzip = new GZipStream(file, CompressionMode.Decompress);
                _loaded = new CloudFormationSpec(await JsonDocument.ParseAsync(gzip, cancellationToken: cancellationToken));
            }

            return _loaded;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task NpmCiAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start (apt-get install -y nodejs npm).");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Directory}:\n{await output}\n{await errors}");
        }
    }
}
