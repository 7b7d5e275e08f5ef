using Conformance.Harness.Adapters;
using Conformance.Harness.Web;
using Conformance.Specs.Support;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Drives the system's public portal in a browser through its page-object adapter (<see cref="IPortalPages"/>): one
/// browser for the run, a fresh context (no cookies) per visitor, and a screenshot after each step in the evidence.
/// </summary>
public sealed class WebDriver(SuiteRun run, ScenarioState state) : IAsyncDisposable
{
    private static readonly SemaphoreSlim Launch = new(1, 1);
    private static (IPlaywright Playwright, IBrowser Browser)? _browser;
    private static IPortalPages? _pages;
    private readonly List<IBrowserContext> _contexts = [];
    private IPage? _page;
    private int _shots;

    public string? LastId { get; private set; }

    public PortalItem? Followed { get; private set; }

    public PortalLabel? Looked { get; private set; }

    public string TypedText { get; private set; } = string.Empty;

    /// <summary>A new visitor: a browser context of its own on the portal's base URL.</summary>
    public async Task<IPage> VisitorAsync()
    {
        var portal = run.Endpoints?.Web
            ?? throw new SutUnavailableException("the target declares no public portal ($.web.url); a system without one answers WEB-PORTAL false");
        await Launch.WaitAsync();
        try
        {
            _browser ??= await PortalBrowser.LaunchAsync();
            _pages ??= PortalPagesLoader.Load(run.Target.WebPages);
        }
        finally
        {
            Launch.Release();
        }

        var context = await _browser.Value.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.ToString().TrimEnd('/'), Locale = "zh-CN" });
        _contexts.Add(context);
        _page = await context.NewPageAsync();
        state.Evidence.Record("web", $"a visitor opens the portal at {portal}");
        return _page;
    }

    public async Task ReportAsync(string number, string category, string text)
    {
        TypedText = text;
        var page = await VisitorAsync();
        LastId = await _pages!.ReportAsync(page, new PortalReport(number, category, text));
        state.Evidence.Record("web", $"report of {number} as {category} answered with id {LastId}");
        await ShotAsync("report");
    }

    public async Task AppealAsync(string number, string holder, string reason, DateOnly? since, string text)
    {
        var page = await VisitorAsync();
        LastId = await _pages!.AppealAsync(page, new PortalAppeal(number, holder, reason, since, text));
        state.Evidence.Record("web", $"appeal of {number} ({reason}) answered with id {LastId}");
        await ShotAsync("appeal");
    }

    /// <summary>Follows the last id as another visitor would, in a browser that never filed it.</summary>
    public async Task FollowAsync()
    {
        Assert.That(LastId, Is.Not.Null.And.Not.Empty, "the portal answered no id to follow");
        var page = await VisitorAsync();
        Followed = await _pages!.FollowAsync(page, LastId!);
        state.Evidence.Record("web", $"following {LastId}: {Followed?.State ?? "unknown to the portal"}");
        await ShotAsync("follow");
    }

    public async Task LookupAsync(string number)
    {
        var page = await VisitorAsync();
        Looked = await _pages!.LookupAsync(page, number);
        state.Evidence.Record("web", $"lookup of {number}: {(Looked is null ? "no label" : $"{Looked.Category} from {Looked.Source}")}");
        await ShotAsync("lookup");
    }

    public static async Task CloseBrowserAsync()
    {
        if (_browser is { } open)
        {
            await open.Browser.CloseAsync();
            open.Playwright.Dispose();
            _browser = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    private async Task ShotAsync(string step)
    {
        if (_page is null)
        {
            return;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "web-evidence");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}-{++_shots}-{step}.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        state.Evidence.Record("screenshot", path);
    }
}
