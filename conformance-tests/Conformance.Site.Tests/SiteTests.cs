using Conformance.Reporting;
using Conformance.SpecModel;
using Microsoft.Playwright;

namespace Conformance.Site.Tests;

/// <summary>The published site in a real browser: the matrix, its filters, a system's page and its evidence.</summary>
[NonParallelizable]
public sealed class SiteTests : SitePageTests
{
    [Test]
    public async Task TheMatrixHasARowPerRequirementAndAColumnPerSystem()
    {
        var rows = Page.Locator("#matrix tbody tr");
        var headers = await Page.Locator("#matrix thead th.system a.name").AllInnerTextsAsync();

        Assert.That(await rows.CountAsync(), Is.EqualTo(Catalogue().Requirements.Count));
        Assert.That(headers, Is.EqualTo(new[] { "alpha screening node 1.0", "bravo screening node 1.0", $"charlie {SiteFixture.ChineseProduct} 1.0" }),
            "one column per system, alpha's two runs in one");
        Assert.That(await Page.Locator("#matrix tr[data-requirement='INT-SIG-002'] td.v-failed .deviation").CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task FilteringByVerdictLeavesOnlyRequirementsWithThatVerdict()
    {
        await Page.SelectOptionAsync("select[name=verdict]", "failed");

        Assert.That(await Page.Locator("#matrix tbody tr:visible").AllAsync(), Has.Count.EqualTo(1));
        Assert.That(await Page.Locator("#matrix tbody tr:visible").GetAttributeAsync("data-requirement"), Is.EqualTo("INT-SIG-002"));
        Assert.That(await Page.InnerTextAsync("#shown"), Is.EqualTo("1"));

        // charlie declares INT-SIG absent: every INT-SIG requirement of the catalogue is not applicable there.
        var signalling = Catalogue().Requirements.Count(r => r.Id.StartsWith("INT-SIG", StringComparison.Ordinal));
        await Page.SelectOptionAsync("select[name=verdict]", "not-applicable");
        Assert.That(await Page.InnerTextAsync("#shown"), Is.EqualTo(signalling.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task FilteringByLevelAndProfileCombines()
    {
        await Page.SelectOptionAsync("select[name=level]", "MUST");
        await Page.SelectOptionAsync("select[name=profile]", "interception");
        var all = await Page.InnerTextAsync("#shown");

        await Page.SelectOptionAsync("select[name=level]", "MAY");

        var expected = Catalogue().Requirements.Count(r => r.Level == RequirementLevel.Must && r.Profile == "interception");
        Assert.That(all, Is.EqualTo(expected.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await Page.InnerTextAsync("#shown"), Is.EqualTo("0"));
    }

    [Test]
    public async Task ASystemPageShowsItsPicsDeviationsAndEvidence()
    {
        await Page.ClickAsync("#matrix thead a.name:has-text('bravo')");
        Assert.That(await Page.InnerTextAsync("h1"), Is.EqualTo("bravo screening node 1.0"));
        Assert.That(await Page.InnerTextAsync("#deviations"), Does.Contain("retransmissions are answered from release 5"));

        await Page.ClickAsync("#INT-SIG-002 a.evidence");

        Assert.That(await Page.InnerTextAsync("body"), Does.Contain("Verdict:  failed").And.Contain("INVITE sip:INT-SIG-002@sut"));
    }

    [Test]
    public async Task AnAbsentCapabilityIsShownInThePicsOfItsSystem()
    {
        await Page.ClickAsync("#matrix thead a.name:has-text('charlie')");

        Assert.That(await Page.InnerTextAsync("#pics"), Does.Contain("INT-SIG").And.Contain("absent"));
    }

    [Test]
    public async Task TheCucumberReportOfABundleRendersInTheBrowser()
    {
        await Page.ClickAsync("#matrix thead a.name:has-text('alpha')");
        await Page.ClickAsync("text=Cucumber report");

        await Assertions.Expect(Page.GetByText("harassment-call-conformance").First).ToBeVisibleAsync();
    }

    [Test]
    public async Task TheCucumberReportShowsTheSipExchangeUnderTheScenario()
    {
        await Page.ClickAsync("#matrix thead a.name:has-text('bravo')");
        await Page.ClickAsync("text=Cucumber report");
        await Page.GetByText(SiteFixture.RealScenario).First.ClickAsync();
        await Page.GetByText("evidence.txt").First.ClickAsync();

        await Assertions.Expect(Page.GetByText("INVITE sip:INT-INTL-004@sut SIP/2.0").First).ToBeVisibleAsync();
        await Screenshot("cucumber-report", fullPage: true);
    }

    /// <summary>The spec's own catalogue: the site lists every requirement of it, however many the spec holds.</summary>
    private static RequirementCatalogue Catalogue() =>
        RequirementCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "spec", "requirements.yaml"));
}
