using Labelling;
using Labelling.Appeals;
using Reference.Access;

namespace Portal.Tests;

/// <summary>The appeal desk sees pending appeals with their deadlines and decides one, always with a reason.</summary>
public sealed class DeskTests : PortalTest
{
    [Test]
    public async Task The_desk_lists_a_pending_appeal_with_its_deadline_and_clears_it_with_a_reason()
    {
        var number = NewNumber();
        Seed.Flag(number, LabelCategory.Fraud);
        var appeal = Seed.Appeal(number, "赵六<i>公司</i>", AppealReason.Other, "我们是正规企业，<b>从未</b>诈骗。");
        Assert.That(appeal.State, Is.EqualTo(AppealState.Pending));

        var page = await OpenAsync("/desk/appeals");
        await SignInAsync(page, Node.Key("desk-1", Role.AppealDesk));
        Assert.That(PathOf(page), Is.EqualTo("/desk/appeals"), "sign-in returns to the page asked for");
        var row = page.Locator("tr", new() { HasText = appeal.Id });
        Assert.That(await row.TextContentAsync(), Does.Contain(number).And.Contain("赵六<i>公司</i>").And.Contain(PortalDeadline(appeal)));
        Assert.That(await row.Locator("i").CountAsync(), Is.Zero, "the holder's name is text, not markup");
        await ShotAsync(page, "zh-CN-desktop-desk-appeals");

        await row.Locator("a").ClickAsync();
        Assert.That(await page.TextContentAsync("#appeal-text"), Is.EqualTo("我们是正规企业，<b>从未</b>诈骗。"));
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.Locator(".error-summary a").AllTextContentsAsync(), Is.EqualTo(new[] { "请选择撤销或维持标记", "请填写理由" }));
        await ShotAsync(page, "zh-CN-desktop-desk-decide-errors");

        await page.CheckAsync("#clear");
        await page.FillAsync("#why", "营业执照与号码登记一致");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(PathOf(page), Is.EqualTo("/desk/appeals?decided=" + appeal.Id));
        Assert.That(await page.TextContentAsync("[role=status]"), Does.Contain(appeal.Id));
        Assert.That(await page.Locator("tr", new() { HasText = appeal.Id }).CountAsync(), Is.Zero, "a decided appeal leaves the queue");
        var decided = Node.Get<AppealDesk>().Find(appeal.Id)!;
        Assert.That((decided.State, decided.Why), Is.EqualTo((AppealState.Cleared, "营业执照与号码登记一致")));
        Assert.That(Node.Get<LabelBook>().Lookup(number, DateTimeOffset.UtcNow), Is.Null);
    }

    [Test]
    public async Task An_upheld_appeal_keeps_the_label_and_the_appellant_reads_the_reason()
    {
        var number = NewNumber();
        Seed.Flag(number, LabelCategory.Fraud);
        var appeal = Seed.Appeal(number, "钱七", AppealReason.Other, "not mine, honestly");
        var page = await OpenAsync($"/desk/appeals/{appeal.Id}?lang=en");
        await SignInAsync(page, Node.Key("desk-2", Role.AppealDesk));
        await page.CheckAsync("#uphold");
        await page.FillAsync("#why", "Call records show fraud <script>x</script>");
        await page.ClickAsync("button[type=submit].button");

        var follow = await OpenAsync($"/follow?id={appeal.Id}&lang=en");
        Assert.That(await follow.TextContentAsync("main"), Does.Contain("Label upheld").And.Contain("Call records show fraud <script>x</script>"));
        Assert.That(Node.Get<LabelBook>().Lookup(number, DateTimeOffset.UtcNow)?.Category, Is.EqualTo(LabelCategory.Fraud));
    }

    [Test]
    public async Task An_unknown_appeal_is_404()
    {
        var page = await OpenAsync("/desk/appeals/appeal-999999");
        await SignInAsync(page, Node.Key("desk-3", Role.AppealDesk));
        var response = await page.GotoAsync("/desk/appeals/appeal-999999");
        Assert.That(response!.Status, Is.EqualTo(404));
    }

    private static string PortalDeadline(Appeal appeal) => Reference.Portal.PortalTime.Show(appeal.DecideBy);
}
