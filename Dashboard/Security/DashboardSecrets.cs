using System.Security.Cryptography;
using System.Text;

namespace Backend.Dashboard.Security;

/// <summary>The secrets of one dashboard run: the browser's login token, the exporters' API key, and the cookie value.</summary>
internal sealed class DashboardSecrets(string browserToken, string otlpApiKey)
{
    /// <summary>The header OTLP exporters send (via <c>OTEL_EXPORTER_OTLP_HEADERS</c>).</summary>
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    public string BrowserToken { get; } = browserToken;

    public string OtlpApiKey { get; } = otlpApiKey;

    // The cookie is a separate random value, so the printed login URL and the browser's cookie can
    // never be mistaken for each other in a log or a screenshot.
    public string SessionValue { get; } = NewToken();

    public static DashboardSecrets Create(DashboardOptions options) =>
        new(options.BrowserToken ?? NewToken(), options.OtlpApiKey ?? NewToken());

    // Browsers do not isolate cookies by port: two AppHosts on 127.0.0.1 must not overwrite each other's.
    public static string CookieName(int port) => $"dashboard-auth-{port}";

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Compares in constant time, so the time a wrong guess takes says nothing about the secret.</summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
