using Microsoft.Playwright;

namespace Portal.Tests;

/// <summary>举报 and following it: the visitor gets an id, follows it, and what they typed comes back as text, never as markup.</summary>
public sealed class ReportTests : PortalTest
{
    private const string Payload = "<script>document.title='owned'</script><img src=x onerror=alert(1)><b>粗体</b> 推销 \"quoted\" & 'single'";

    [Test]
    public async Task A_report_is_answered_with_an_id_that_follows_it_and_its_text_comes_back_escaped()
    {
        var number = NewNumber();
        var page = await OpenAsync("/report");
        await page.FillAsync("#number", number);
        await page.CheckAsync("#category-advertising");
        await page.FillAsync("#text", Payload);
        await page.ClickAsync("button[type=submit].button");

        Assert.That(PathOf(page), Does.StartWith("/follow?id=RPT-"));
        var id = (await page.TextContentAsync("#received-id"))!.Trim();
        Assert.That(id, Does.Match("^RPT-[0-9]{8}-[0-9A-F]{12}$"));
        Assert.That(await page.TextContentAsync("#report-text"), Is.EqualTo(Payload), "the text as typed, shown as text");
        Assert.That(await page.Locator("#report-text script, #report-text img, #report-text b").CountAsync(), Is.Zero, "the payload became markup");
        var html = await page.ContentAsync();
        Assert.That(html, Does.Contain("&lt;script&gt;document.title="));
        Assert.That(await page.TitleAsync(), Does.Not.Contain("owned"));
        Assert.That(await page.TextContentAsync("main"), Does.Contain("广告推销").And.Contain(number).And.Contain("已受理"));
        var ticket = Node.Get<Reference.Reporting.TicketDesk>().Store.Find(id)!;
        Assert.That((ticket.Channel, ticket.Text, ticket.State), Is.EqualTo(("web", Payload, Reference.Reporting.TicketState.Received)), "the report is a ticket of the web channel");
        Assert.That(Node.Get<Labelling.LabelBook>().Lookup(number, DateTimeOffset.UtcNow), Is.Null, "an unverified web report labels nothing");
        await ShotAsync(page, "zh-CN-desktop-report-received");

        // Followed later, in a browser that never filed it.
        var later = await OpenAsync("/follow");
        await later.FillAsync("#id", id.ToLowerInvariant());
        await later.ClickAsync("button[type=submit].button");
        Assert.That(await later.TextContentAsync("#result-title"), Does.Contain(id));
        Assert.That(await later.TextContentAsync("#report-text"), Is.EqualTo(Payload));
    }

    [Test]
    public async Task An_empty_report_names_every_missing_field_in_the_summary_and_beside_the_field()
    {
        var page = await OpenAsync("/report");
        await page.FillAsync("#number", "12345");
        await page.ClickAsync("button[type=submit].button");

        Assert.That(PathOf(page), Is.EqualTo("/report"));
        var summary = page.Locator(".error-summary[role=alert]");
        Assert.That(await summary.Locator("a").AllTextContentsAsync(), Is.EqualTo(new[] { "请输入有效的国内号码，例如 13800138000 或 01012345678", "请选择电话类型", "请简单说明来电经过" }));
        Assert.That(await summary.Locator("a").First.GetAttributeAsync("href"), Is.EqualTo("#number"));
        Assert.That(await page.GetAttributeAsync("#number", "aria-invalid"), Is.EqualTo("true"));
        Assert.That(await page.GetAttributeAsync("#number", "aria-describedby"), Is.EqualTo("number-hint number-error"));
        Assert.That(await page.InputValueAsync("#number"), Is.EqualTo("12345"), "what was typed is kept");
        await ShotAsync(page, "zh-CN-desktop-report-errors");
    }

    [Test]
    public async Task A_report_text_over_the_limit_is_refused_with_the_limit_and_the_length()
    {
        var page = await OpenAsync("/report?lang=en");
        await page.FillAsync("#number", NewNumber());
        await page.CheckAsync("#category");
        await page.FillAsync("#text", new string('x', 501));
        await page.ClickAsync("button[type=submit].button");
        Assert.That(await page.TextContentAsync("#text-error"), Does.Contain("At most 500 characters; you typed 501"));
    }

    [Test]
    public async Task Following_an_unknown_id_says_so_and_answers_404()
    {
        var page = await OpenAsync("/follow");
        var response = await page.GotoAsync("/follow?id=WR-NOSUCHID00");
        Assert.That(response!.Status, Is.EqualTo(404));
        Assert.That(await page.TextContentAsync("#id-error"), Does.Contain("没有找到这个受理编号"));
        await page.GotoAsync("/follow?id=");
        Assert.That(await page.TextContentAsync("#id-error"), Does.Contain("请输入受理编号"));
    }

    [Test]
    public async Task A_report_can_be_filed_with_the_keyboard_alone()
    {
        var page = await OpenAsync("/report", script: true);
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await Focused(page), Does.Contain("skip-link"), "the first Tab reaches the skip link");
        await page.Keyboard.PressAsync("Enter");
        // Following the link is a navigation of its own that ends after the key press returns: wait for it, or the
        // focus it moves to <main> lands in the middle of the typing below.
        await page.WaitForURLAsync("**/report#main");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("main"), "the skip link moves the focus to the content");

        await page.FocusAsync("#number");
        await page.Keyboard.TypeAsync(NewNumber());
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.name"), Is.EqualTo("Category"));
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("text"));
        await page.Keyboard.TypeAsync("每天晚上打来推销");
        await page.Keyboard.PressAsync("Tab");
        var focused = await Focused(page);
        var before = page.Url;
        await page.Keyboard.PressAsync("Enter");
        try
        {
            // A wait, not a speed check: on a loaded machine the post and the follow page can take many seconds.
            await page.WaitForURLAsync("**/follow?id=RPT-*", new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var shot = await ShotAsync(page, "keyboard-report-failed");
            Assert.Fail($"Enter did not reach the follow page. Focused at the Enter: {focused}; URL before {before}, now {page.Url}; focused now: {await Focused(page)}; " +
                $"text field: '{await TextFieldAsync(page)}'; errors: '{await page.Locator(".error-summary").AllTextContentsAsync()}'; screenshot {shot}");
        }

        Assert.That(focused, Does.StartWith("<button type=\"submit\""), "the Tab out of the text reached the submit button");
        Assert.That(await page.TextContentAsync("main"), Does.Contain("诈骗电话"), "ArrowRight moved from the first category to the second");
    }

    /// <summary>The text field's value for the failure message, or a note that the page no longer has it: the message
    /// must not fail in its own right and hide what it reports.</summary>
    private static async Task<string> TextFieldAsync(IPage page) =>
        await page.Locator("#text").CountAsync() > 0 ? await page.InputValueAsync("#text", new() { Timeout = 2_000 }) : "(no text field on this page)";

    private static Task<string> Focused(IPage page) => page.EvaluateAsync<string>("document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : 'none'");
}
