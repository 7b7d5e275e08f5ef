using Microsoft.Playwright;

namespace Conformance.Site.Tests;

/// <summary>
/// What every browser fixture of the results site shares: the site published once per fixture, one Chromium for it,
/// a fresh browser context per test at desktop size opened on the index, and screenshots kept in the test's output
/// folder (screenshots/) and attached to the test results.
/// </summary>
public abstract class SitePageTests
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The page of the running test, opened on the index.</summary>
    protected IPage Page { get; private set; } = null!;

    private string PublishedSite { get; set; } = string.Empty;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        PublishedSite = SiteFixture.Publish();
        (_playwright, _browser) = await TestSupport.Chromium.LaunchAsync();
        Directory.CreateDirectory(ScreenshotFolder);
    }

    [SetUp]
    public async Task OpenAsync()
    {
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        Page = await _context.NewPageAsync();
        await Page.GotoAsync(Url("index.html"));
    }

    [TearDown]
    public async Task CloseAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A page of the published site by its path relative to the site's root.</summary>
    protected string Url(string relative) => new Uri(Path.Combine(PublishedSite, relative)).AbsoluteUri;

    protected async Task Screenshot(string name, bool fullPage = false)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        TestContext.AddTestAttachment(path, name);
        TestContext.Progress.WriteLine($"screenshot: {path}");
    }
}
