using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>
/// Every page at phone width (390×844) and desktop width (1280×900), in Chinese: nothing wider than the screen, the
/// landmarks in place, and a screenshot of each kept under the run's screenshot folder.
/// </summary>
public sealed class LayoutTests : PortalTest
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task Every_page_fits_the_width_has_its_landmarks_and_is_kept_as_a_screenshot(bool phone)
    {
        var viewport = phone ? Phone : Desktop;
        var kept = new List<string>();
        foreach (var (name, path, role, step) in PageTour.Pages())
        {
            var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Node.Address.ToString().TrimEnd('/'), ViewportSize = viewport });
            try
            {
                var page = await PageTour.VisitAsync(context, path, role, step);
                var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                var wide = width <= viewport.Width ? string.Empty : await page.EvaluateAsync<string>(
                    "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
                Assert.That(width, Is.LessThanOrEqualTo(viewport.Width), $"{name} is {width} px wide on a {viewport.Width} px screen: {wide}");
                Assert.That(await page.Locator("header").CountAsync(), Is.EqualTo(1), name);
                Assert.That(await page.Locator("nav[aria-label]").CountAsync(), Is.EqualTo(1), name);
                Assert.That(await page.Locator("main#main h1").CountAsync(), Is.EqualTo(1), name);
                Assert.That(await page.Locator("footer").CountAsync(), Is.EqualTo(1), name);
                // The CJK font is found: a Chinese heading is not drawn in boxes (a missing glyph is as wide as a Latin letter at most).
                var glyph = await page.EvaluateAsync<double>("(() => { const c = document.createElement('canvas').getContext('2d'); c.font = '16px ' + getComputedStyle(document.body).fontFamily; return c.measureText('骚').width; })()");
                Assert.That(glyph, Is.GreaterThan(14), "a CJK glyph is full-width");
                kept.Add(await ShotAsync(page, $"zh-CN-{(phone ? "phone" : "desktop")}-{name}"));
            }
            finally
            {
                await context.CloseAsync();
            }
        }

        Assert.That(kept.Select(File.Exists), Is.All.True);
        TestContext.Out.WriteLine($"{kept.Count} screenshots in {Portal.Screenshots}");
    }
}
