using System.Text.RegularExpressions;
using AppHost.Tests.Dashboard;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AppHost.Tests;

/// <summary>What a developer sees after F5: the real Aspire dashboard of the built AppHost, in a real Chromium.</summary>
public sealed partial class DashboardTests
{
    private const string ScreenshotPath = "/tmp/dashboard.png";
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(3);

    /// <summary>Every resource of AppHost/Program.cs and the state it settles in once everything is up.</summary>
    private static readonly (string Name, string State)[] Resources =
    [
        ("postgres", "Running"), ("canvasdb", "Running"),
        ("fauxqs", "Running"), ("gpu-tasks-queue", "Running"), ("cpu-tasks-queue", "Running"), ("images", "Running"),
        ("dynalite", "Running"), ("task-store", "Running"),
        ("gpu-instance", "Stopped"),
        ("orchestrator", "Running"), ("canvas-api", "Running"),
        ("gpuworker", "Not started"),
    ];

    [Fact]
    public async Task TheResourcesPageShowsEveryResourceUpAndNoErrorBannerOrNotification()
    {
        // Generous: a loaded 2-core machine starts the whole application in tens of seconds.
        SetDefaultExpectTimeout(120_000);
        await using var appHost = AppHostProcess.Start();
        var login = LoginUrl().Match(await appHost.WaitForLineAsync("Login to the dashboard at", Startup)).Value;
        await using var chromium = await DashboardBrowser.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var console = new List<string>();
        page.Console += (_, message) => { lock (console) { console.Add($"{message.Type}: {message.Text}"); } };
        try
        {
            await page.GotoAsync(login);

            // The resources, or Blazor's "An unhandled error has occurred" (then waiting for them is pointless).
            await Expect(page.Locator("tr.resource-row, #blazor-error-ui:visible").First).ToBeVisibleAsync();
            Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "The dashboard shows \"An unhandled error has occurred\"");
            await Expect(page.Locator("tr.resource-row")).ToHaveCountAsync(Resources.Length);
            foreach (var (name, state) in Resources)
            {
                await Expect(Row(page, name).Locator(".state-column-cell"), $"{name}'s state").ToHaveTextAsync(state);
            }

            // A banner (the "No trusted development certificate" one, say) shows above the page; a notification in the
            // notification center, which toasts only for a few seconds.
            Assert.Equal("", (await page.Locator(".top-messagebar").InnerTextAsync()).Trim());
            await Expect(page.GetByText(new Regex("development certificate", RegexOptions.IgnoreCase))).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Notifications", Exact = true }).ClickAsync();
            await Expect(page.GetByText("No notifications")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).Last.ClickAsync();
        }
        catch
        {
            // What the browser and the AppHost said, for the failure's report.
            lock (console)
            {
                TestContext.Current.TestOutputHelper?.WriteLine("--- browser console:\n" + string.Join('\n', console));
            }
            TestContext.Current.TestOutputHelper?.WriteLine("--- AppHost output:\n" + appHost.Tail());
            throw;
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });
        }
    }

    private static ILocator Row(IPage page, string resource) =>
        page.Locator("tr.resource-row").Filter(new()
        {
            Has = page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^{Regex.Escape(resource)}$") }),
        });

    [GeneratedRegex(@"https?://\S+/login\?t=\w+")]
    private static partial Regex LoginUrl();
}
