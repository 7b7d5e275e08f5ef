using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>axe-core over every page, in both languages and at both widths: no serious or critical violation.</summary>
public sealed class AccessibilityTests : PortalTest
{
    [TestCase("zh-CN", false)]
    [TestCase("en", false)]
    [TestCase("zh-CN", true)]
    public async Task No_page_has_a_serious_or_critical_accessibility_violation(string language, bool phone)
    {
        var findings = new List<string>();
        var minor = new List<string>();
        var checkedPages = 0;
        foreach (var (name, path, role, step) in PageTour.Pages())
        {
            var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = Node.Address.ToString().TrimEnd('/'),
                ViewportSize = phone ? Phone : Desktop,
            });
            try
            {
                if (language == "en")
                {
                    await context.AddCookiesAsync([new Cookie { Name = "portal-lang", Value = "c=en|uic=en", Url = Node.Address.ToString() }]);
                }

                var page = await PageTour.VisitAsync(context, path, role, step);
                Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo(language));
                var result = await page.RunAxe();
                checkedPages++;
                foreach (var violation in result.Violations)
                {
                    var line = $"{name}: {violation.Id} ({violation.Impact}) {violation.Help} — {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}";
                    (violation.Impact is "serious" or "critical" ? findings : minor).Add(line);
                }
            }
            finally
            {
                await context.CloseAsync();
            }
        }

        TestContext.Out.WriteLine($"axe-core over {checkedPages} pages ({language}, {(phone ? "phone" : "desktop")}): {findings.Count} serious or critical, {minor.Count} moderate or minor");
        foreach (var line in minor)
        {
            TestContext.Out.WriteLine("  minor: " + line);
        }

        Assert.That(checkedPages, Is.EqualTo(PageTour.Pages().Count()));
        Assert.That(findings, Is.Empty);
    }
}
