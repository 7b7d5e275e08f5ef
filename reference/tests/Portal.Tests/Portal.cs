using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>One node and one browser for the whole run (starting Chromium is the slow part); each test opens its own context.</summary>
[SetUpFixture]
public sealed class Portal
{
    public static PortalNode Node { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the run keeps its screenshots: $PORTAL_SCREENSHOTS, else portal-screenshots under the test output.</summary>
    public static string Screenshots { get; } = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "portal-screenshots");

    private static IPlaywright? _playwright;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Node = await PortalNode.StartAsync();
        (_playwright, Browser) = await TestSupport.Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }
}
