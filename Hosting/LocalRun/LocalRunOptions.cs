namespace Backend.Hosting.LocalRun;

/// <summary>How the AppHost runs the application locally.</summary>
public sealed record LocalRunOptions
{
    /// <summary>
    /// Where PostgreSQL and DynamoDB keep their data between runs (<c>--keep-data</c>); null starts clean
    /// every run. The SQS/S3 emulator is memory-only: queues and objects always start empty.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Port overrides by resource name (configuration <c>Ports:&lt;resource&gt;</c>); 0 picks a free port.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();

    /// <summary>Ignore the model's fixed ports and use free ones (tests run next to a developer's F5).</summary>
    public bool UseFreePorts { get; init; }

    /// <summary>The dashboard's port; 0 picks a free one.</summary>
    public int DashboardPort { get; init; }

    /// <summary>How long a GPU instance takes to boot (pending → running) in the EC2 stand-in.</summary>
    public TimeSpan Ec2StartDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a GPU instance takes to stop (stopping → stopped) in the EC2 stand-in.</summary>
    public TimeSpan Ec2StopDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a service has to stop on SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra environment variables for every project (tests tune intervals with them).</summary>
    public IReadOnlyDictionary<string, string> ProjectEnvironment { get; init; } = new Dictionary<string, string>();
}
