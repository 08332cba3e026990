using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Backend.Dashboard.Resources;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.LocalRun;

namespace Backend.Hosting.Tests.LocalRun;

/// <summary>What reaches a running application: requests spread over replicas, and its processes' output in the dashboard.</summary>
public sealed class LocalRunnerTrafficTests
{
    [Fact]
    public async Task TwoReplicasOnAFixedPortRunOnTheirOwnPortsAndRequestsToTheFixedPortReachBoth()
    {
        var port = ExecutableApplication.FreePort();
        await using var app = new ExecutableApplication();
        // WithReplicas is for projects (as Aspire's); an executable takes the annotation it adds directly.
        app.AddNodeServer("web", port).WithAnnotation(new ReplicaAnnotation(2));

        await app.StartAsync(new LocalRunOptions { UseFreePorts = false });
        var web = app["web"];
        await web.WaitUntilHealthyAsync();

        Assert.Equal([$"http://127.0.0.1:{port}"], web.Urls);
        Assert.Equal(2, web.ProcessIds.Distinct().Count());
        var replicaPorts = web.Resource.GetEndpoints().Single().AllocatedEndpoint?.ReplicaPorts;
        Assert.NotNull(replicaPorts);
        Assert.Equal(2, replicaPorts.Distinct().Count());
        Assert.DoesNotContain(port, replicaPorts);
        // Each replica was told its own port and listens on it (the server answers the PORT it got).
        using var http = new HttpClient();
        foreach (var replicaPort in replicaPorts)
        {
            Assert.Equal(Text(replicaPort), await http.GetStringAsync(new Uri($"http://127.0.0.1:{replicaPort}/"), ExecutableApplication.Cancellation));
        }

        // The proxy spreads connections (not requests) round robin: one connection per request.
        var reached = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/"));
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request, ExecutableApplication.Cancellation);
            reached.Add(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(ExecutableApplication.Cancellation));
        }
        Assert.Equal(replicaPorts.Select(Text).Order(), reached.Order());
    }

    [Fact]
    public async Task EachProcessesConsoleOutputIsShownInTheDashboardUnderItsResourceWithStandardErrorFlagged()
    {
        await using var app = new ExecutableApplication();
        app.Builder.AddExecutable("talker", "node", ".", "-e",
            "console.log('hello from stdout'); console.error('trouble on stderr'); setInterval(() => {}, 1 << 30);");
        app.AddBash("other", "echo 'only mine'; exec sleep 1000");
        await app.StartAsync();
        await app["talker"].WaitUntilAsync(r => r.ConsoleLines().Count >= 2, "its two lines of output");
        await app["other"].WaitUntilAsync(r => r.ConsoleLines().Count >= 1, "its line of output");

        // Read as the dashboard's browser UI does: log in with the printed URL, then the console API.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.Runner.DashboardUrl };
        (await browser.GetAsync(app.Runner.DashboardLoginUrl, ExecutableApplication.Cancellation)).EnsureSuccessStatusCode();
        var talker = await browser.GetFromJsonAsync<ConsoleLogLine[]>("/api/dashboard/resources/talker/console", ExecutableApplication.Cancellation);
        var other = await browser.GetFromJsonAsync<ConsoleLogLine[]>("/api/dashboard/resources/other/console", ExecutableApplication.Cancellation);

        Assert.NotNull(talker);
        Assert.Equal([("hello from stdout", false), ("trouble on stderr", true)], talker.Select(l => (l.Text, l.IsError)).Order());
        Assert.NotNull(other);
        Assert.Equal(["only mine"], other.Select(l => l.Text));
        Assert.False(other[0].IsError);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
