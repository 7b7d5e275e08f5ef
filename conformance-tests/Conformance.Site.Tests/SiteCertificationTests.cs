using Microsoft.Playwright;

namespace Conformance.Site.Tests;

/// <summary>
/// The site as a certifier reads it: each column a system with its run, signer and totals, the runs of one system
/// grouped, refused bundles named with why, a page per requirement across systems, sticky headers, a phone-width page,
/// Chinese text. Screenshots of the index, a system page and a requirement page are kept in the test's output folder
/// (screenshots/) and attached to the test results.
/// </summary>
[NonParallelizable]
public sealed class SiteCertificationTests : SitePageTests
{
    [Test]
    public async Task EachColumnNamesTheSystemItsRunItsSignerAndItsTotals()
    {
        var bravo = Page.Locator("#matrix thead th.system", new PageLocatorOptions { HasText = "bravo" });

        var text = await bravo.InnerTextAsync();

        Assert.That(text, Does.Contain("bravo").And.Contain("screening node").And.Contain("1.0").And.Contain("2026-11-28 12:01 UTC"));
        Assert.That(await bravo.Locator(".signer").InnerTextAsync(), Does.StartWith("signature verified; ephemeral key sha256:"));
        Assert.That(await bravo.Locator(".totals").InnerTextAsync(), Does.Contain("failed 1").And.Contain("passed "));
        await Screenshot("index");
    }

    [Test]
    public async Task TheRunsOfOneSystemAreGroupedTheLatestFirstWithItsHistory()
    {
        var alpha = Page.Locator("#matrix thead th.system", new PageLocatorOptions { HasText = "alpha" });

        Assert.That(await alpha.Locator(".run-date").InnerTextAsync(), Is.EqualTo("2026-11-28 12:01 UTC"), "the column shows the latest run");
        Assert.That(await Page.Locator("#matrix tr[data-requirement='INT-SIG-001'] td").Nth(2).GetAttributeAsync("class"), Is.EqualTo("v-passed"),
            "alpha's latest run passed INT-SIG-001; only its earlier run failed it");
        await alpha.Locator("details.history summary").ClickAsync();
        Assert.That(await alpha.Locator("details.history").InnerTextAsync(), Does.Contain("1 earlier run").And.Contain("2026-11-21 12:01 UTC").And.Contain("failed 1"));

        await alpha.Locator("details.history a").ClickAsync();

        Assert.That(await Page.InnerTextAsync("#history"), Does.Contain("2026-11-28 12:01 UTC").And.Contain("(latest)").And.Contain("(this page)"));
        Assert.That(await Page.Locator("#INT-SIG-001 td.v-failed").CountAsync(), Is.EqualTo(1), "the earlier run's own verdicts");
    }

    [Test]
    public async Task ARefusedBundleIsListedWithWhyAndIsNotAColumn()
    {
        var refused = await Page.InnerTextAsync("#refused");

        Assert.That(refused, Does.Contain("delta-20261128T130000Z").And.Contain("conformance-report.json: SHA-256 is"));
        Assert.That(await Page.Locator("#matrix thead th.system", new PageLocatorOptions { HasText = "delta" }).CountAsync(), Is.Zero);
    }

    [Test]
    public async Task ARequirementPageShowsEverySystemAndLinksToItsEvidence()
    {
        await Page.ClickAsync("#matrix tr[data-requirement='INT-SIG-002'] th.requirement a");

        Assert.That(await Page.InnerTextAsync("h1"), Does.StartWith("INT-SIG-002"));
        var rows = Page.Locator("#systems tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(4), "three systems' latest runs and alpha's earlier one");
        Assert.That(await Page.Locator("#systems tr", new PageLocatorOptions { HasText = "bravo" }).InnerTextAsync(),
            Does.Contain("failed").And.Contain("known deviation: retransmissions are answered from release 5"));
        Assert.That(await Page.Locator("#systems a.capture").CountAsync(), Is.EqualTo(4));
        await Screenshot("requirement");

        await Page.Locator("#systems tr", new PageLocatorOptions { HasText = "bravo" }).Locator("a.evidence").ClickAsync();

        Assert.That(await Page.InnerTextAsync("body"), Does.Contain("Verdict:  failed").And.Contain("INVITE sip:INT-SIG-002@sut"));
    }

    [Test]
    public async Task TheRequirementTitleAndLevelStandBesideTheId()
    {
        var row = Page.Locator("#matrix tr[data-requirement='INT-SIG-001']");

        Assert.That(await row.Locator("th.requirement small").InnerTextAsync(), Is.Not.Empty);
        Assert.That(await row.Locator("td").First.InnerTextAsync(), Is.AnyOf("MUST", "SHOULD", "MAY"));
    }

    [Test]
    public async Task TheHeaderStaysInSightWhenTheMatrixScrolls()
    {
        var box = Page.Locator("#matrix").Locator("xpath=..");
        var top = (await box.BoundingBoxAsync())!.Y;

        await box.EvaluateAsync("b => b.scrollTop = 1500");

        var header = await Page.Locator("#matrix thead th.system").First.BoundingBoxAsync();
        Assert.That(await box.EvaluateAsync<int>("b => b.scrollTop"), Is.GreaterThan(0), "the matrix scrolls in its box");
        Assert.That(header!.Y, Is.EqualTo(top).Within(2), "the column header sticks to the top of the scrolled box");
    }

    [Test]
    public async Task AtPhoneWidthThePageDoesNotScrollSideways()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await Page.ReloadAsync();

        var pageWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        var wide = await Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right))");
        Assert.That(pageWidth, Is.LessThanOrEqualTo(390), "the tables scroll inside their boxes, not the page; too wide: " + string.Join(", ", wide));
        Assert.That(await Page.Locator("select[name=verdict]").IsVisibleAsync(), Is.True);
        await Screenshot("index-phone");
    }

    [Test]
    public async Task ChineseTextRendersInACjkFont()
    {
        await Page.ClickAsync($"#matrix thead a.name:has-text('{SiteFixture.ChineseProduct}')");

        var family = await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.That(await Page.InnerTextAsync("h1"), Does.Contain(SiteFixture.ChineseProduct));
        Assert.That(family, Does.Contain("Noto Sans CJK SC"));
        await Screenshot("system");
    }
}
