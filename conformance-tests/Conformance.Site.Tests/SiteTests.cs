using Conformance.Reporting;
using Conformance.SpecModel;
using Microsoft.Playwright;

namespace Conformance.Site.Tests;

/// <summary>The published site in a real browser: the matrix, its filters, a system's page and its evidence.</summary>
[NonParallelizable]
public sealed class SiteTests
{
    private string _site = string.Empty;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _site = SiteFixture.Publish();
        (_playwright, _browser) = await TestSupport.Chromium.LaunchAsync();
    }

    [SetUp]
    public async Task OpenAsync()
    {
        _page = await _browser!.NewPageAsync();
        await _page.GotoAsync(new Uri(Path.Combine(_site, "index.html")).AbsoluteUri);
    }

    [TearDown]
    public Task CloseAsync() => _page.CloseAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    [Test]
    public async Task TheMatrixHasARowPerRequirementAndAColumnPerSystem()
    {
        var rows = _page.Locator("#matrix tbody tr");
        var headers = await _page.Locator("#matrix thead th.system a.name").AllInnerTextsAsync();

        Assert.That(await rows.CountAsync(), Is.EqualTo(Catalogue().Requirements.Count));
        Assert.That(headers, Is.EqualTo(new[] { "alpha screening node 1.0", "bravo screening node 1.0", $"charlie {SiteFixture.ChineseProduct} 1.0" }),
            "one column per system, alpha's two runs in one");
        Assert.That(await _page.Locator("#matrix tr[data-requirement='INT-SIG-002'] td.v-failed .deviation").CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task FilteringByVerdictLeavesOnlyRequirementsWithThatVerdict()
    {
        await _page.SelectOptionAsync("select[name=verdict]", "failed");

        Assert.That(await _page.Locator("#matrix tbody tr:visible").AllAsync(), Has.Count.EqualTo(1));
        Assert.That(await _page.Locator("#matrix tbody tr:visible").GetAttributeAsync("data-requirement"), Is.EqualTo("INT-SIG-002"));
        Assert.That(await _page.InnerTextAsync("#shown"), Is.EqualTo("1"));

        // charlie declares INT-SIG absent: every INT-SIG requirement of the catalogue is not applicable there.
        var signalling = Catalogue().Requirements.Count(r => r.Id.StartsWith("INT-SIG", StringComparison.Ordinal));
        await _page.SelectOptionAsync("select[name=verdict]", "not-applicable");
        Assert.That(await _page.InnerTextAsync("#shown"), Is.EqualTo(signalling.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task FilteringByLevelAndProfileCombines()
    {
        await _page.SelectOptionAsync("select[name=level]", "MUST");
        await _page.SelectOptionAsync("select[name=profile]", "interception");
        var all = await _page.InnerTextAsync("#shown");

        await _page.SelectOptionAsync("select[name=level]", "MAY");

        var expected = Catalogue().Requirements.Count(r => r.Level == RequirementLevel.Must && r.Profile == "interception");
        Assert.That(all, Is.EqualTo(expected.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await _page.InnerTextAsync("#shown"), Is.EqualTo("0"));
    }

    [Test]
    public async Task ASystemPageShowsItsPicsDeviationsAndEvidence()
    {
        await _page.ClickAsync("#matrix thead a.name:has-text('bravo')");
        Assert.That(await _page.InnerTextAsync("h1"), Is.EqualTo("bravo screening node 1.0"));
        Assert.That(await _page.InnerTextAsync("#deviations"), Does.Contain("retransmissions are answered from release 5"));

        await _page.ClickAsync("#INT-SIG-002 a.evidence");

        Assert.That(await _page.InnerTextAsync("body"), Does.Contain("Verdict:  failed").And.Contain("INVITE sip:INT-SIG-002@sut"));
    }

    [Test]
    public async Task AnAbsentCapabilityIsShownInThePicsOfItsSystem()
    {
        await _page.ClickAsync("#matrix thead a.name:has-text('charlie')");

        Assert.That(await _page.InnerTextAsync("#pics"), Does.Contain("INT-SIG").And.Contain("absent"));
    }

    [Test]
    public async Task TheCucumberReportOfABundleRendersInTheBrowser()
    {
        await _page.ClickAsync("#matrix thead a.name:has-text('alpha')");
        await _page.ClickAsync("text=Cucumber report");

        await Assertions.Expect(_page.GetByText("harassment-call-conformance").First).ToBeVisibleAsync();
    }

    [Test]
    public async Task TheCucumberReportShowsTheSipExchangeUnderTheScenario()
    {
        await _page.ClickAsync("#matrix thead a.name:has-text('bravo')");
        await _page.ClickAsync("text=Cucumber report");
        await _page.GetByText(SiteFixture.RealScenario).First.ClickAsync();
        await _page.GetByText("evidence.txt").First.ClickAsync();

        await Assertions.Expect(_page.GetByText("INVITE sip:INT-INTL-004@sut SIP/2.0").First).ToBeVisibleAsync();
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteCertificationTests.ScreenshotFolder, "cucumber-report.png"), FullPage = true });
    }

    /// <summary>The spec's own catalogue: the site lists every requirement of it, however many the spec holds.</summary>
    private static RequirementCatalogue Catalogue() =>
        RequirementCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "spec", "requirements.yaml"));
}
