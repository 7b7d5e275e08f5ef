using Labelling;

namespace Portal.Tests;

/// <summary>Looking a number up shows its label and where it comes from, or that it has none.</summary>
public sealed class LookupTests : PortalTest
{
    [Test]
    public async Task A_number_reported_by_enough_verified_users_shows_its_label_and_the_reports_as_source()
    {
        var number = NewNumber();
        Seed.VerifiedReports(number, LabelCategory.RealEstate, reporters: 3);
        var page = await OpenAsync("/lookup");
        await page.FillAsync("#number", "+86 " + number);
        await page.ClickAsync("button[type=submit].button");

        Assert.That(await page.TextContentAsync("#label-category"), Is.EqualTo("房产中介"));
        Assert.That(await page.TextContentAsync("#label-source"), Is.EqualTo("用户举报"));
        Assert.That(await page.TextContentAsync("main"), Does.Contain("近期有 3 位经过验证的用户举报了该号码"));
        await ShotAsync(page, "zh-CN-desktop-lookup-labelled");
    }

    [Test]
    public async Task A_flagged_number_names_carrier_analytics_in_English()
    {
        var number = NewNumber();
        Seed.Flag(number, LabelCategory.Harassment);
        var page = await OpenAsync($"/lookup?number={number}&lang=en");
        Assert.That(await page.TextContentAsync("#label-category"), Is.EqualTo("Harassment"));
        Assert.That(await page.TextContentAsync("#label-source"), Is.EqualTo("Carrier analytics"));
    }

    [Test]
    public async Task A_number_with_no_label_says_so_and_a_malformed_one_is_refused()
    {
        var page = await OpenAsync($"/lookup?number={NewNumber()}");
        Assert.That(await page.TextContentAsync("#label-none"), Is.EqualTo("该号码目前没有标记。"));

        var response = await page.GotoAsync("/lookup?number=abc");
        Assert.That(response!.Status, Is.EqualTo(400));
        Assert.That(await page.TextContentAsync(".error-summary"), Does.Contain("请输入有效的国内号码"));
        Assert.That(await page.Locator("#label-none").CountAsync(), Is.Zero);
    }
}
