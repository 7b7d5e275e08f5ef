using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// What every browser test needs: a fresh browser context on the node (zh-CN, a desktop or phone viewport, script on
/// or off), screenshots kept under <see cref="Portal.Screenshots"/>, and signing in as staff.
/// </summary>
public abstract class PortalTest
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private readonly List<IBrowserContext> _contexts = [];

    protected static PortalNode Node => Portal.Node;

    [TearDown]
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }

    /// <param name="script">False by default: the pages must work for a visitor whose browser runs no script.</param>
    protected async Task<IPage> OpenAsync(string path, ViewportSize? viewport = null, bool script = false, string locale = "zh-CN")
    {
        var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Node.Address.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? Desktop,
            JavaScriptEnabled = script,
            Locale = locale,
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.That(response, Is.Not.Null, $"no answer to {path}");
        return page;
    }

    protected static async Task<string> ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(Portal.Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    protected static async Task SignInAsync(IPage page, string key)
    {
        if (!page.Url.Contains("/staff/sign-in", StringComparison.Ordinal))
        {
            await page.GotoAsync("/staff/sign-in");
        }

        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit].button");
    }

    /// <summary>A mobile number no other test uses.</summary>
    protected static string NewNumber() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected static string PathOf(IPage page) => new Uri(page.Url).PathAndQuery;
}
