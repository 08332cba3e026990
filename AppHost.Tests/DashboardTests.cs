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
        try
        {
            await page.GotoAsync(login);

            await Expect(page.Locator("tr.resource-row")).ToHaveCountAsync(Resources.Length);
            foreach (var (name, state) in Resources)
            {
                await Expect(Row(page, name).Locator(".state-column-cell"), $"{name}'s state").ToHaveTextAsync(state);
            }

            // A banner (the "No trusted development certificate" one, say) shows above the page; a notification in the
            // notification center, which toasts only for a few seconds.
            await Expect(page.GetByText("No trusted development certificate")).ToHaveCountAsync(0);
            await Expect(page.Locator(".top-messagebar > *"), "banners").ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Notifications", Exact = true }).ClickAsync();
            await Expect(page.GetByText("No notifications")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).Last.ClickAsync();
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
