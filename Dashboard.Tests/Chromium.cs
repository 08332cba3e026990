using Microsoft.Playwright;

namespace Dashboard.Tests;

/// <summary>
/// The machine's Debian chromium, driven by Playwright's bundled driver. No browser is downloaded: none
/// can be here, and CI installs chromium with apt.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"The browser test needs Debian's chromium at {ExecutablePath}: install it with `apt-get install -y chromium` (as root).");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // --no-sandbox: the tests run as root, where chromium's sandbox cannot start.
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                Timeout = 30_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
