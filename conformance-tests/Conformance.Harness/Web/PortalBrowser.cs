using Microsoft.Playwright;

namespace Conformance.Harness.Web;

/// <summary>
/// The browser the suite drives a portal with: $CONFORMANCE_CHROMIUM, else Debian's /usr/bin/chromium, else the one
/// Playwright installs (`playwright install chromium`); headless, without sandbox or background traffic.
/// </summary>
public static class PortalBrowser
{
    public const string ExecutableVariable = "CONFORMANCE_CHROMIUM";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        var executable = !string.IsNullOrWhiteSpace(configured) ? configured : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
        var playwright = await Playwright.CreateAsync();
        try
        {
            return (playwright, await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { Headless = true, Args = Args, ExecutablePath = executable }));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
