using Backend.Dashboard;
using Backend.Dashboard.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests;

/// <summary>A person in real Chromium: logs in with the printed URL, watches resources, reads console output, follows a trace.</summary>
public sealed class BrowserTests
{
    private const string HostileLine = "<img src=x onerror=alert(1)> disk almost full";

    [Fact]
    public async Task APersonLogsInSeesResourcesReadsConsoleOutputAndFollowsATraceAcrossServices()
    {
        var source = new TestResourceSource()
            .Set(TestResourceSource.Running("canvas-api", "Project", "http://127.0.0.1:9000"))
            .Set(new ResourceSnapshot("orchestrator", "Project", "Starting", null, [], 0, [], null, "Waiting for task_store", null))
            .Write("canvas-api", "Now listening on: http://127.0.0.1:9000")
            .Write("canvas-api", HostileLine, isError: true);
        await using var dashboard = await DashboardServer.StartAsync(
            new DashboardOptions { ApplicationName = "Canvas backend" }, source, cancellationToken: TestContext.Current.CancellationToken);
        var trace = UserActionTrace.Record(dashboard);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        // Logging in: the printed URL leads to the resources, and the token leaves the address bar.
        await page.GotoAsync(dashboard.LoginUrl.ToString());
        var canvasApi = page.Locator("#resources tr[data-resource='canvas-api']");
        await Expect(canvasApi).ToContainTextAsync("Running");
        await Expect(canvasApi).ToContainTextAsync("Healthy");
        await Expect(canvasApi.Locator("a[href='http://127.0.0.1:9000/']")).ToBeVisibleAsync();
        await Expect(page.Locator("#resources tr[data-resource='orchestrator']")).ToContainTextAsync("Waiting for task_store");
        await Expect(page.Locator("#app-name")).ToHaveTextAsync("Canvas backend");
        Assert.DoesNotContain("t=", page.Url, StringComparison.Ordinal);

        // Live: a state change shows without reloading.
        source.Set(new ResourceSnapshot("orchestrator", "Project", "Running", "Healthy", ["http://127.0.0.1:8080"], 0, [4343], null, null, DateTimeOffset.UtcNow));
        await Expect(page.Locator("#resources tr[data-resource='orchestrator']")).ToContainTextAsync("Running");

        // Console output of one resource, standard error highlighted and shown as text, new lines followed.
        await canvasApi.GetByRole(AriaRole.Link, new() { Name = "canvas-api" }).ClickAsync();
        await Expect(page.Locator("#console .line").First).ToContainTextAsync("Now listening on: http://127.0.0.1:9000");
        await Expect(page.Locator("#console .line.stderr")).ToContainTextAsync(HostileLine);
        source.Write("canvas-api", "Request finished in 12 ms");
        await Expect(page.Locator("#console .line").Last).ToContainTextAsync("Request finished in 12 ms");

        // The trace of one user action across Canvas.Api, the orchestrator, the queue and the worker.
        await page.Locator("nav a[data-view='traces']").ClickAsync();
        var row = page.Locator($"#traces tr[data-trace='{trace.TraceId}']");
        await Expect(row).ToContainTextAsync("GpuWorker");
        await row.GetByRole(AriaRole.Link, new() { Name = UserActionTrace.RootName }).ClickAsync();
        var spans = page.Locator("#waterfall .span-row[data-span]");
        await Expect(spans).ToHaveCountAsync(5);
        await Expect(spans.Nth(0)).ToContainTextAsync(UserActionTrace.RootName);
        await Expect(spans.Nth(3)).ToContainTextAsync("gpu_tasks_queue send");
        var failed = page.Locator("#waterfall .span-row.failed");
        await Expect(failed).ToContainTextAsync("gpu_tasks_queue process");
        await failed.ClickAsync();
        await Expect(page.Locator("#waterfall .span-details:visible")).ToContainTextAsync(UserActionTrace.FailureMessage);
        await Expect(page.Locator("#waterfall .span-details:visible")).ToContainTextAsync(UserActionTrace.HostileAttribute);
        await Expect(page.Locator(".trace-logs")).ToContainTextAsync("Task t-1 failed");

        Assert.Empty(dialogs);
        await browser.CloseAsync();
    }
}
