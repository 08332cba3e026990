namespace Backend.Dashboard;

/// <summary>How <see cref="DashboardServer"/> listens and which secrets it uses.</summary>
public sealed class DashboardOptions
{
    /// <summary>The port on 127.0.0.1 for the browser UI and the OTLP receiver; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The token in <see cref="DashboardServer.LoginUrl"/>. Null (the default) generates a random one
    /// on every start; a fixed value is for tests.
    /// </summary>
    public string? BrowserToken { get; init; }

    /// <summary>
    /// The key exporters send in the <c>x-otlp-api-key</c> header. Null (the default) generates a random
    /// one on every start; a fixed value is for tests.
    /// </summary>
    public string? OtlpApiKey { get; init; }

    /// <summary>How many spans, and how many structured logs, the dashboard keeps in memory.</summary>
    public int TelemetryCapacity { get; init; } = 20_000;

    /// <summary>The application's name, shown in the browser's title bar and header.</summary>
    public string ApplicationName { get; init; } = "Backend";

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The dashboard port must be 0 (a free port) or 1-65535.");
        }
        if (TelemetryCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TelemetryCapacity), TelemetryCapacity, "The dashboard must keep at least one span and one log.");
        }
        // Both secrets travel in URLs and in OTEL_EXPORTER_OTLP_HEADERS (comma- and '='-separated), so they
        // must not need escaping anywhere.
        foreach (var (name, value) in new[] { (nameof(BrowserToken), BrowserToken), (nameof(OtlpApiKey), OtlpApiKey) })
        {
            if (value is not null && (value.Length < 8 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                throw new ArgumentException($"{name} must be at least 8 characters of letters, digits, '-' or '_'.", name);
            }
        }
    }
}
