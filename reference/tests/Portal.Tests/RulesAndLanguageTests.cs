namespace Portal.Tests;

/// <summary>The rules page gives the node's own figures; every page is Chinese by default and English on request, remembered.</summary>
public sealed class RulesAndLanguageTests : PortalTest
{
    [Test]
    public async Task The_rules_page_explains_calling_hours_and_consent_with_the_nodes_figures()
    {
        var page = await OpenAsync("/rules");
        var text = await page.TextContentAsync("main");
        Assert.That(text, Does.Contain("营销电话只能在北京时间 08:00 至 21:00 之间拨打"));
        Assert.That(text, Does.Contain("同意的证据保留 153 天"));
        Assert.That(text, Does.Contain("谢绝来电").Or.Contain("拒绝某个企业"));
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("zh-CN"));
    }

    [Test]
    public async Task The_language_link_switches_to_English_and_the_choice_is_kept_across_pages()
    {
        var page = await OpenAsync("/rules");
        await page.ClickAsync("a.lang-switch");
        Assert.That(PathOf(page), Is.EqualTo("/rules"), "the switch returns to the page it was used on");
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("en"));
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("The rules for calls"));

        await page.GotoAsync("/report");
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("Report a harassing call"));
        await page.ClickAsync("a.lang-switch");
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("举报骚扰电话"));
    }

    [Test]
    public async Task The_language_link_never_leads_off_the_site()
    {
        var page = await OpenAsync("/language?to=en&back=//evil.example/");
        Assert.That(new Uri(page.Url).Host, Is.EqualTo("127.0.0.1"));
        Assert.That(PathOf(page), Is.EqualTo("/"));
    }

    [TestCase("/", "骚扰电话举报与查询", "Report and look up harassing calls")]
    [TestCase("/follow", "查询处理进度", "Follow a report or appeal")]
    [TestCase("/lookup", "号码标记查询", "Look up a number's label")]
    [TestCase("/appeal", "号码标记申诉", "Appeal a number's label")]
    [TestCase("/staff/sign-in", "工作人员登录", "Staff sign-in")]
    public async Task Each_public_page_reads_in_both_languages(string path, string chinese, string english)
    {
        var page = await OpenAsync(path);
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo(chinese));
        await page.GotoAsync(path + "?lang=en");
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo(english));
    }
}
