using Labelling;
using Labelling.Appeals;

namespace Portal.Tests;

/// <summary>A holder appeals a label with the evidence the reason needs; the answer is an id whose state they can follow.</summary>
public sealed class AppealTests : PortalTest
{
    [Test]
    public async Task A_reissued_number_with_its_date_clears_a_harassment_label_at_once()
    {
        var number = NewNumber();
        Seed.Flag(number, LabelCategory.Harassment);
        // The carrier's allocation record shows the number passing to the appellant after the label: the appeal desk's condition.
        Thread.Sleep(20);
        Node.Get<NumberAllocations>().Record(new Allocation(number, "张三", DateTimeOffset.UtcNow));
        var page = await OpenAsync($"/appeal?number={number}");
        Assert.That(await page.InputValueAsync("#number"), Is.EqualTo(number), "the lookup's appeal link fills the number in");
        await page.FillAsync("#holder", "张三");
        await page.CheckAsync("#reason");
        await page.FillAsync("#since", "2026-11-01");
        await page.CheckAsync("#confirm");
        await page.ClickAsync("button[type=submit].button");

        Assert.That(PathOf(page), Does.StartWith("/follow?id=appeal-"));
        Assert.That(await page.TextContentAsync("main"), Does.Contain("申诉已受理").And.Contain("标记已撤销"));
        Assert.That(await page.TextContentAsync("main"), Does.Not.Contain("张三"), "the follow page never shows the appellant's name");
        Assert.That(Node.Get<LabelBook>().Lookup(number, DateTimeOffset.UtcNow), Is.Null, "the label is cleared");
        await ShotAsync(page, "zh-CN-desktop-appeal-cleared");
    }

    [Test]
    public async Task A_reissued_number_without_an_allocation_record_waits_for_the_desk()
    {
        var number = NewNumber();
        Seed.Flag(number, LabelCategory.Harassment);
        var page = await OpenAsync($"/appeal?number={number}");
        await page.FillAsync("#holder", "赵钱");
        await page.CheckAsync("#reason");
        await page.FillAsync("#since", "2026-11-01");
        await page.CheckAsync("#confirm");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.TextContentAsync("main"), Does.Contain("审核中"), "the appellant's word alone settles nothing");
        Assert.That(Node.Get<LabelBook>().Lookup(number, DateTimeOffset.UtcNow), Is.Not.Null);
    }

    [Test]
    public async Task An_appeal_against_a_fraud_label_waits_for_the_desk_with_its_deadline()
    {
        var number = NewNumber();
        Seed.Flag(number, LabelCategory.Fraud);
        var page = await OpenAsync("/appeal");
        await page.FillAsync("#number", number);
        await page.FillAsync("#holder", "李四");
        await page.CheckAsync("#reason-other");
        await page.FillAsync("#text", "这个号码是我的工作电话，从没有打过诈骗电话。");
        await page.CheckAsync("#confirm");
        await page.ClickAsync("button[type=submit].button");

        Assert.That(await page.TextContentAsync("main"), Does.Contain("审核中").And.Contain("处理期限"));
        Assert.That(Node.Get<LabelBook>().Lookup(number, DateTimeOffset.UtcNow)?.Category, Is.EqualTo(LabelCategory.Fraud), "the appellant's word alone clears no fraud label");
    }

    [Test]
    public async Task Each_reason_asks_for_its_own_evidence()
    {
        var page = await OpenAsync("/appeal");
        await page.ClickAsync("button[type=submit].button");
        var errors = await page.Locator(".error-summary a").AllTextContentsAsync();
        Assert.That(errors, Is.EqualTo(new[] { "请输入电话号码", "请输入机主姓名或企业名称", "请选择申诉理由", "请确认您是该号码的机主" }));

        await page.FillAsync("#number", NewNumber());
        await page.FillAsync("#holder", "王五");
        await page.CheckAsync("#reason");
        await page.CheckAsync("#confirm");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.TextContentAsync("#since-error"), Does.Contain("开始使用号码的日期"), "a reissued number needs the date");

        await page.CheckAsync("#reason-other");
        await page.FillAsync("#text", "太短");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.TextContentAsync("#text-error"), Does.Contain("至少 10 个字"), "another reason needs an explanation");
        Assert.That(await page.InputValueAsync("#holder"), Is.EqualTo("王五"));
        await ShotAsync(page, "zh-CN-desktop-appeal-errors");
    }

    [Test]
    public async Task A_date_in_the_future_is_refused()
    {
        var page = await OpenAsync("/appeal?lang=en");
        await page.FillAsync("#number", NewNumber());
        await page.FillAsync("#holder", "Wang");
        await page.CheckAsync("#reason");
        await page.FillAsync("#since", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.CheckAsync("#confirm");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.TextContentAsync("#since-error"), Does.Contain("cannot be later than today"));
        Assert.That(Node.Get<AppealDesk>().All(DateTimeOffset.UtcNow).Any(a => a.Holder == "Wang"), Is.False, "nothing was filed");
    }

    [Test]
    public async Task An_appeal_is_followed_by_an_id_whose_neighbours_find_nothing()
    {
        var appeal = Seed.Appeal(NewNumber(), "钱十", AppealReason.Other, "邻近编号测试");
        Assert.That(appeal.Id, Does.Match("^appeal-[0-9a-f]{20}$"), "80 random bits, not a count");
        var page = await OpenAsync($"/follow?id={appeal.Id}");
        Assert.That(await page.TextContentAsync("#result-title"), Does.Contain(appeal.Id));

        var last = appeal.Id[^1];
        foreach (var neighbour in new[] { appeal.Id[..^1] + (last == 'f' ? 'e' : (char)(last == '9' ? 'a' : last + 1)), appeal.Id[..^1] + (last == '0' ? '1' : (char)(last == 'a' ? '9' : last - 1)) })
        {
            var response = await page.GotoAsync($"/follow?id={neighbour}");
            Assert.That(response!.Status, Is.EqualTo(404), neighbour);
            Assert.That(await page.Locator("#result-title").CountAsync(), Is.Zero);
        }

        // An appeal numbered in order before ids were random stays with the desk, but is not followed publicly.
        var desk = Node.Get<AppealDesk>();
        var legacy = appeal with { Id = "appeal-" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        desk.Restore([legacy]);
        Assert.That(desk.Find(legacy.Id), Is.Not.Null);
        var counted = await page.GotoAsync($"/follow?id={legacy.Id}");
        Assert.That(counted!.Status, Is.EqualTo(404), "a counted id could be counted through");
    }
}
