namespace Backend.Hosting.Ecs.Publishing;

/// <summary>
/// The AWS CDK runs its JavaScript in a node process (jsii) that unpacks ~66 MB into the temporary directory on first
/// use and keeps using it for the life of this process: TMPDIR points at a scratch folder of our own while it starts,
/// and that folder is deleted when the process exits.
/// </summary>
internal static class CdkRuntime
{
    private static readonly Lock Gate = new();
    private static string? _scratch;

    /// <summary>Runs <paramref name="synthesize"/> with the jsii runtime's temporary files in our scratch folder.</summary>
    public static T Run<T>(Func<string, T> synthesize)
    {
        lock (Gate)
        {
            if (_scratch is null)
            {
                _scratch = Directory.CreateTempSubdirectory("aspire-ecs-cdk-").FullName;
                var scratch = _scratch;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(scratch);
            }

            // jsii warns about node versions near their end of life on every start (a version past it is reported anyway).
            Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1");
            var original = Environment.GetEnvironmentVariable("TMPDIR");
            Environment.SetEnvironmentVariable("TMPDIR", _scratch);
            try
            {
                var output = Path.Combine(_scratch, $"cdk.out-{Guid.NewGuid():N}");
                try
                {
                    return synthesize(output);
                }
                finally
                {
                    TryDelete(output);
                }
            }
            finally
            {
                Environment.SetEnvironmentVariable("TMPDIR", original);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
