using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// Chromium for the portal tests: $CONFORMANCE_CHROMIUM, else Debian's /usr/bin/chromium when present, else the browser
/// Playwright installs for itself (`playwright install chromium`).
/// </summary>
public static class Browser
{
    public const string ExecutableVariable = "CONFORMANCE_CHROMIUM";

    public static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static string? Executable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var options = new BrowserTypeLaunchOptions { Headless = true, Args = Args, ExecutablePath = Executable() };
        try
        {
            return (playwright, await playwright.Chromium.LaunchAsync(options));
        }
        catch (PlaywrightException ex) when (options.ExecutablePath is null)
        {
            playwright.Dispose();
            Assert.Ignore($"No Chromium: install the chromium package, set {ExecutableVariable}, or run `playwright install chromium` ({ex.Message.Split('\n')[0]}).");
            throw;
        }
    }
}
