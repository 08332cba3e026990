using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Backend.Dashboard;

namespace Dashboard.Tests;

/// <summary>Where the dashboard listens, which secrets it uses, and what it never logs.</summary>
public sealed class ServerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ItListensOnLoopbackOnlyWhateverAspNetCoreUrlsSays()
    {
        var previous = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://0.0.0.0:0");
        try
        {
            await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);

            Assert.Equal("127.0.0.1", dashboard.Url.Host);
            Assert.Equal(dashboard.Url, dashboard.OtlpEndpoint);
            foreach (var address in OtherLocalAddresses())
            {
                using var client = new TcpClient(address.AddressFamily);
                await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(address, dashboard.Url.Port, Cancellation).AsTask());
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", previous);
        }
    }

    [Fact]
    public async Task AFixedPortIsUsedAndATakenOneFailsNamingIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DashboardServer.StartAsync(new DashboardOptions { Port = port }, new TestResourceSource(), cancellationToken: Cancellation));
        taken.Stop();
        await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions { Port = port }, new TestResourceSource(), cancellationToken: Cancellation);

        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), dashboard.Url);
    }

    [Fact]
    public async Task FixedSecretsFromTheOptionsAreUsedAndRandomOnesDifferPerStart()
    {
        var options = new DashboardOptions { BrowserToken = "browser-token-1", OtlpApiKey = "otlp-api-key-1" };
        await using var fixedSecrets = await DashboardServer.StartAsync(options, new TestResourceSource(), cancellationToken: Cancellation);
        await using var first = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);
        await using var second = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), cancellationToken: Cancellation);

        Assert.Equal(new Uri(fixedSecrets.Url, "login?t=browser-token-1"), fixedSecrets.LoginUrl);
        Assert.Equal("otlp-api-key-1", fixedSecrets.OtlpApiKey);
        Assert.Equal("x-otlp-api-key=otlp-api-key-1", fixedSecrets.OtlpHeaders);
        Assert.NotEqual(first.OtlpApiKey, second.OtlpApiKey);
        Assert.NotEqual(first.LoginUrl.Query, second.LoginUrl.Query);
        Assert.Matches("^[0-9a-f]{32}$", first.OtlpApiKey);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in it")]
    [InlineData("comma,separated")]
    public async Task SecretsThatWouldNeedEscapingInAHeaderListAreRejected(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DashboardServer.StartAsync(new DashboardOptions { OtlpApiKey = key }, new TestResourceSource(), cancellationToken: Cancellation));

    [Fact]
    public async Task SecretsAreNeverLogged()
    {
        using var logs = new CapturingLoggerFactory();
        await using (var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), new TestResourceSource(), logs, Cancellation))
        {
            using var browser = await DashboardClients.LoggedInAsync(dashboard);
            using var stranger = DashboardClients.Anonymous(dashboard);
            using var wrongLogin = await stranger.GetAsync("/login?t=wrong-token-wrong", Cancellation);
            using var resources = await browser.GetAsync("/api/dashboard/resources", Cancellation);
            await DashboardClients.ExportSpanAsync(dashboard, dashboard.OtlpApiKey, "GET /");
            await DashboardClients.ExportSpanAsync(dashboard, "wrong-key-wrong-key", "GET /");
            var token = dashboard.LoginUrl.Query[3..];

            Assert.Contains(logs.Messages, message => message.Contains(dashboard.Url.ToString(), StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Messages, message => message.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Messages, message => message.Contains(dashboard.OtlpApiKey, StringComparison.Ordinal));
        }
    }

    private static IEnumerable<IPAddress> OtherLocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(network => network.OperationalStatus == OperationalStatus.Up)
            .SelectMany(network => network.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => !IPAddress.IsLoopback(address) && address.AddressFamily == AddressFamily.InterNetwork);
}
