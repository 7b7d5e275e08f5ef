using Labelling;
using Labelling.Appeals;
using Reference.Access;

namespace Portal.Tests;

/// <summary>The regulator's and operator's console: a number's history, traceback by callee and window, charts drawn on the server.</summary>
public sealed class ConsoleTests : PortalTest
{
    [Test]
    public async Task A_numbers_history_shows_its_label_reports_appeals_and_interceptions()
    {
        var number = NewNumber();
        var callee = NewNumber();
        Seed.VerifiedReports(number, LabelCategory.Loans, reporters: 2);
        var appeal = Seed.Appeal(number, "孙八", AppealReason.Other, "不是我们打的");
        Seed.Intercepted(number, callee, "bombing", DateTimeOffset.UtcNow.AddMinutes(-5));
        var page = await OpenAsync("/report");
        await page.FillAsync("#number", number);
        await page.CheckAsync("#category-loans");
        await page.FillAsync("#text", "贷款推销 <em>每天</em>");
        await page.ClickAsync("button[type=submit].button");

        await page.GotoAsync("/console");
        await SignInAsync(page, Node.Key("regulator-h", Role.Regulator));
        await page.FillAsync("#number", number);
        await page.ClickAsync("button[type=submit].button");

        Assert.That(await page.TextContentAsync("#history-label"), Does.Contain("贷款推销").And.Contain("用户举报"));
        Assert.That(await page.TextContentAsync("#reports-title"), Is.EqualTo("举报（2）"), "the two verified reports count towards the label");
        Assert.That(await page.TextContentAsync("#tickets-title"), Is.EqualTo("举报工单（1）"), "the web report is a ticket");
        Assert.That(await page.TextContentAsync("#history-tickets"), Does.Contain("贷款推销 <em>每天</em>").And.Contain("web"));
        Assert.That(await page.TextContentAsync("#appeals-title"), Is.EqualTo("申诉（1）"));
        Assert.That(await page.TextContentAsync("main"), Does.Contain(appeal.Id).And.Not.Contain("孙八"), "the regulator is not shown appellants' names");
        Assert.That(await page.TextContentAsync("#calls-title"), Is.EqualTo("被拦截的呼叫（1）"));
        Assert.That(await page.TextContentAsync("main"), Does.Contain(callee).And.Contain("bombing"));
        await ShotAsync(page, "zh-CN-desktop-console-history");
    }

    [Test]
    public async Task Traceback_finds_the_calls_to_a_callee_within_the_window_only()
    {
        var callee = NewNumber();
        var caller = NewNumber();
        var at = new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.Zero);
        Seed.Intercepted(caller, callee, "calling-hours", at);
        Seed.Forwarded(NewNumber(), callee, at.AddHours(5));
        var page = await OpenAsync("/console/traceback");
        await SignInAsync(page, Node.Key("operator-t", Role.CarrierOperator));
        await page.FillAsync("#callee", callee);
        await page.FillAsync("#from", "2026-12-01T09:00");
        await page.FillAsync("#to", "2026-12-01T10:00");
        await page.ClickAsync("button[type=submit].button");

        Assert.That(await page.TextContentAsync("#calls-title"), Is.EqualTo("找到 1 条呼叫记录"), "09:30 Beijing time is 01:30 UTC; the forwarded call at 06:30 UTC is outside");
        Assert.That(await page.TextContentAsync("#traceback-calls"), Does.Contain(caller).And.Contain("拦截").And.Contain("calling-hours"));
        await ShotAsync(page, "zh-CN-desktop-console-traceback");

        await page.FillAsync("#to", "2026-12-01T08:00");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.TextContentAsync("#to-error"), Does.Contain("结束时间必须晚于开始时间"));
        await page.FillAsync("#to", "2027-02-01T08:00");
        await page.FillAsync("#callee", "");
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.Locator(".error-summary a").AllTextContentsAsync(), Is.EqualTo(new[] { "请输入电话号码", "时间段最长 31 天" }));
    }

    [Test]
    public async Task The_charts_are_svg_drawn_on_the_server_with_the_figures_in_a_table()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            Seed.Intercepted(NewNumber(), NewNumber(), "chart-rule-a", now.AddMinutes(-1));
        }

        Seed.Intercepted(NewNumber(), NewNumber(), "chart-rule-b", now.AddHours(-2));
        Seed.Intercepted(NewNumber(), NewNumber(), "chart-rule-old", now.AddHours(-30));
        var taxi = NewNumber();
        Seed.VerifiedReports(taxi, LabelCategory.Recruitment, reporters: 2);

        var page = await OpenAsync("/console/charts");
        await SignInAsync(page, Node.Key("regulator-c", Role.Regulator));
        Assert.That(PathOf(page), Is.EqualTo("/console/charts"));
        var chart = page.Locator("svg#chart-rules, svg[aria-labelledby^='chart-rules']");
        Assert.That(await chart.GetAttributeAsync("role"), Is.EqualTo("img"));
        Assert.That(await page.Locator("svg[aria-labelledby^='chart-rules'] rect").CountAsync(), Is.GreaterThan(2));
        var rules = await page.Locator("#rules-table tbody tr").AllTextContentsAsync();
        Assert.That(rules.Select(r => r.Replace(" ", string.Empty, StringComparison.Ordinal)), Does.Contain("chart-rule-a3").And.Contain("chart-rule-b1"));
        Assert.That(string.Concat(rules), Does.Not.Contain("chart-rule-old"), "a call 30 hours ago is outside the last 24");
        // Labels are counted at most once a second on this node (Portal:LabelCountSeconds): look again until the count is newer than the label.
        var counted = 0;
        for (var look = 0; look < 50 && counted == 0; look++)
        {
            var labels = await page.Locator("#labels-table tbody tr", new() { HasText = "招聘猎头" }).TextContentAsync();
            counted = int.Parse(labels!.Replace("招聘猎头", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (counted == 0)
            {
                await Task.Delay(200);
                await page.ReloadAsync();
            }
        }

        Assert.That(counted, Is.GreaterThanOrEqualTo(1));
        Assert.That(await page.TextContentAsync("#labels-counted"), Does.Match("统计于 [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"));
        Assert.That(await page.Locator("script").CountAsync(), Is.Zero, "no script on the page");
        await ShotAsync(page, "zh-CN-desktop-console-charts");
    }

    [Test]
    public async Task Tickets_show_the_overdue_first_with_their_deadlines()
    {
        var desk = Node.Get<Reference.Reporting.TicketDesk>();
        var number = NewNumber();
        var (late, _) = desk.Open(desk.Draft(number, LabelCategory.Fraud, "app", "account:late-" + number, "一个月前的举报", DateTimeOffset.UtcNow.AddDays(-30)), null, (_, _) => string.Empty);
        var (fresh, _) = desk.Open(desk.Draft(number, LabelCategory.Advertising, "web", "web-visitor:" + number, "刚刚的举报", DateTimeOffset.UtcNow), null, (_, _) => string.Empty);

        var page = await OpenAsync("/console/tickets");
        await SignInAsync(page, Node.Key("operator-k", Role.CarrierOperator));
        Assert.That(PathOf(page), Is.EqualTo("/console/tickets"));
        var rows = await page.Locator("#tickets tbody tr").AllTextContentsAsync();
        var lateRow = rows.ToList().FindIndex(r => r.Contains(late.Id, StringComparison.Ordinal));
        var freshRow = rows.ToList().FindIndex(r => r.Contains(fresh.Id, StringComparison.Ordinal));
        Assert.That(lateRow, Is.GreaterThanOrEqualTo(0).And.LessThan(freshRow), "the overdue ticket comes before the open one");
        Assert.That(rows[lateRow], Does.Contain("已超期"));
        Assert.That(rows[freshRow], Does.Not.Contain("已超期"));
        Assert.That(await page.Locator("svg[aria-labelledby^='chart-tickets'] rect").CountAsync(), Is.EqualTo(5), "one bar per state and one for the overdue");
        await ShotAsync(page, "zh-CN-desktop-console-tickets");
    }

    [Test]
    public async Task Open_tickets_are_charted_against_their_deadlines_per_step_as_counted_in_the_store()
    {
        var desk = Node.Get<Reference.Reporting.TicketDesk>();
        var number = NewNumber();
        desk.Open(desk.Draft(number, LabelCategory.Fraud, "app", "account:deadline-" + number, "很久以前的举报", DateTimeOffset.UtcNow.AddDays(-40)), null, (_, _) => string.Empty);
        desk.Open(desk.Draft(number, LabelCategory.Fraud, "web", "web-visitor:deadline-" + number, "刚收到的举报", DateTimeOffset.UtcNow), null, (_, _) => string.Empty);

        var page = await OpenAsync("/console/tickets");
        await SignInAsync(page, Node.Key("operator-d", Role.CarrierOperator));
        var now = DateTimeOffset.UtcNow;
        var open = desk.Store.List(null, null, 1_000_000).Where(t => t.Due is not null).ToList();
        string[] steps = ["待转交部门", "待部门答复", "待告知举报人"];
        var states = new[] { Reference.Reporting.TicketState.Received, Reference.Reporting.TicketState.Forwarded, Reference.Reporting.TicketState.Answered };
        for (var i = 0; i < steps.Length; i++)
        {
            var ofStep = open.Where(t => t.State == states[i]).ToList();
            var expected = $"{steps[i]}{ofStep.Count(t => t.Due > now.AddDays(1))}{ofStep.Count(t => t.Due > now && t.Due <= now.AddDays(1))}{ofStep.Count(t => t.Due <= now)}";
            var row = await page.Locator("#deadlines-table tbody tr").Nth(i).TextContentAsync();
            Assert.That(row!.Replace(" ", string.Empty, StringComparison.Ordinal).Trim(), Is.EqualTo(expected), $"step {steps[i]}: on time, due soon, overdue");
        }

        Assert.That(open.Count(t => t.State == Reference.Reporting.TicketState.Received && t.Due <= now), Is.GreaterThanOrEqualTo(1), "the old report is overdue");
        var chart = page.Locator("svg[aria-labelledby^='chart-deadlines']");
        Assert.That(await chart.GetAttributeAsync("role"), Is.EqualTo("img"));
        Assert.That(await chart.Locator("rect[fill='#b0233a']").CountAsync(), Is.GreaterThanOrEqualTo(2), "an overdue segment and its legend key");
        Assert.That(await chart.Locator("text").AllTextContentsAsync(), Does.Contain("待转交部门").And.Contain("已超期").And.Contain("即将到期"));
    }
}
