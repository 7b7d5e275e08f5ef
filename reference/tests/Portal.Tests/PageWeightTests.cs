using System.Text.RegularExpressions;

namespace Portal.Tests;

/// <summary>Each page with everything it loads (its HTML and the one stylesheet) weighs under 200 KB: the public ones, and the staff ones signed in.</summary>
public sealed partial class PageWeightTests : PortalTest
{
    public const int Budget = 200 * 1024;

    [TestCase("/")]
    [TestCase("/report")]
    [TestCase("/follow")]
    [TestCase("/lookup?number=13912345678")]
    [TestCase("/appeal")]
    [TestCase("/rules")]
    [TestCase("/staff/sign-in")]
    [TestCase("/?lang=en")]
    public async Task A_public_page_and_what_it_loads_stay_under_the_budget(string path)
    {
        using var http = new HttpClient { BaseAddress = Node.Address };
        var html = await http.GetByteArrayAsync(path);
        var text = System.Text.Encoding.UTF8.GetString(html);
        var loads = Loaded().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.That(loads, Is.EqualTo(new[] { "/portal.css" }), "a page loads its stylesheet and nothing else");
        Assert.That(text, Does.Not.Contain("<script"), "no script");
        var css = await http.GetByteArrayAsync("/portal.css");
        var total = html.Length + css.Length;
        TestContext.Out.WriteLine($"{path}: HTML {html.Length} B + CSS {css.Length} B = {total} B");
        File.AppendAllText(Path.Combine(Portal.Screenshots, "page-weights.txt"), $"{path}\t{html.Length}\t{css.Length}\t{total}\n");
        Assert.That(total, Is.LessThan(Budget));
    }

    [Test]
    public async Task Every_staff_page_signed_in_stays_under_the_budget_too()
    {
        var staffPages = PageTour.Pages().Where(p => p.Role is not null).ToList();
        foreach (var (name, path, role, _) in staffPages)
        {
            var context = await Portal.Browser.NewContextAsync(new() { BaseURL = Node.Address.ToString().TrimEnd('/'), JavaScriptEnabled = false });
            try
            {
                var page = await PageTour.VisitAsync(context, "/", role, null);
                var response = await page.APIRequest.GetAsync(path);
                Assert.That(response.Status, Is.EqualTo(200), path);
                var html = (await response.BodyAsync()).Length;
                var css = (await page.APIRequest.GetAsync("/portal.css")).Headers.TryGetValue("content-length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0;
                TestContext.Out.WriteLine($"{name} {path}: HTML {html} B + CSS {css} B = {html + css} B");
                File.AppendAllText(Path.Combine(Portal.Screenshots, "page-weights.txt"), $"{path}\t{html}\t{css}\t{html + css}\n");
                Assert.That(css, Is.GreaterThan(0));
                Assert.That(html + css, Is.LessThan(Budget), path);
            }
            finally
            {
                await context.CloseAsync();
            }
        }

        Assert.That(staffPages, Has.Count.EqualTo(8));
    }

    [GeneratedRegex("(?:src|href)=\"(/[^\"]*\\.(?:css|js|png|jpg|svg|woff2?))\"")]
    private static partial Regex Loaded();
}
