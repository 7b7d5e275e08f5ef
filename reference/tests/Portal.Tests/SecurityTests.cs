using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reference.Access;

namespace Portal.Tests;

/// <summary>Forms need their antiforgery token, staff pages need a staff key of the right role, and public forms are rate-limited.</summary>
public sealed partial class SecurityTests : PortalTest
{
    [TestCase("/report")]
    [TestCase("/appeal")]
    [TestCase("/staff/sign-in")]
    public async Task A_form_posted_without_its_token_is_refused_400_and_does_nothing(string path)
    {
        var page = await OpenAsync(path);
        var response = await page.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("Number", "13800138000").Set("Category", "fraud").Set("Text", "forged"),
        });
        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(await response.TextAsync(), Does.Contain("表单已失效"));
    }

    [Test]
    public async Task A_token_from_another_visitor_is_refused_too()
    {
        var mine = await OpenAsync("/report");
        var token = await mine.GetAttributeAsync("input[name=__portal_token]", "value");
        var theirs = await OpenAsync("/");
        var response = await theirs.APIRequest.PostAsync("/report", new APIRequestContextOptions
        {
            Form = theirs.APIRequest.CreateFormData().Set("__portal_token", token!).Set("Number", "13800138000").Set("Category", "fraud").Set("Text", "forged"),
        });
        Assert.That(response.Status, Is.EqualTo(400));
    }

    [TestCase("/desk/appeals")]
    [TestCase("/desk/appeals/appeal-1")]
    [TestCase("/console")]
    [TestCase("/console/traceback")]
    [TestCase("/console/charts")]
    [TestCase("/console/tickets")]
    [TestCase("/console/audit")]
    [TestCase("/console/discipline")]
    public async Task A_staff_page_sends_an_anonymous_visitor_to_sign_in(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Node.Address };
        using var response = await http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/staff/sign-in?ReturnUrl=" + Uri.EscapeDataString(path)));

        var page = await OpenAsync(path);
        Assert.That(PathOf(page), Does.StartWith("/staff/sign-in"));
        Assert.That(await page.TextContentAsync("main"), Does.Not.Contain("appeal-1"));
    }

    [Test]
    public async Task A_key_of_the_wrong_role_is_refused_403_and_its_sign_in_returns_to_the_page()
    {
        var page = await OpenAsync("/console");
        await SignInAsync(page, Node.Key("subscriber-1", Role.PublicReporter));
        Assert.That(PathOf(page), Does.StartWith("/staff/denied"));
        var response = await page.GotoAsync("/console");
        Assert.That(response!.Status, Is.EqualTo(403));
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("无权访问"));

        response = await page.GotoAsync("/desk/appeals");
        Assert.That(response!.Status, Is.EqualTo(403), "a public reporter is no appeal desk either");
        await ShotAsync(page, "zh-CN-desktop-staff-denied");
    }

    [Test]
    public async Task An_unknown_key_is_refused_and_a_revoked_one_signs_its_pages_out()
    {
        var page = await OpenAsync("/staff/sign-in");
        await SignInAsync(page, "rk_not-a-key-the-node-issued");
        Assert.That(await page.TextContentAsync("#key-error"), Does.Contain("密钥无效或已被吊销"));

        var book = Node.Get<ApiKeyBook>();
        var (key, secret) = book.Issue([Role.Regulator], "regulator-1", DateTimeOffset.UtcNow);
        await SignInAsync(page, secret);
        Assert.That(PathOf(page), Is.EqualTo("/console"));
        book.Revoke(key.Id, DateTimeOffset.UtcNow);
        await page.GotoAsync("/console/charts");
        Assert.That(PathOf(page), Does.StartWith("/staff/sign-in"), "a revoked key's cookie no longer opens staff pages");
    }

    [Test]
    public async Task Pages_forbid_scripts_and_framing_and_the_API_still_answers_json()
    {
        using var http = new HttpClient { BaseAddress = Node.Address };
        using var page = await http.GetAsync("/report");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'"));
        using var api = await http.GetAsync("/v1/labels/13800138000");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the API's own bearer check still guards it");
        Assert.That(api.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Public_forms_past_the_limit_are_refused_429_and_nothing_is_kept()
    {
        await using var node = await PortalNode.StartAsync("--Portal:FormsPerAddress=2");
        var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString().TrimEnd('/'), JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            var statuses = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                await page.GotoAsync("/report");
                await page.FillAsync("#number", NewNumber());
                await page.CheckAsync("#category");
                await page.FillAsync("#text", "第 " + i + " 次举报");
                var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit].button"), r => r.Request.Method == "POST");
                statuses.Add(response.Status);
            }

            Assert.That(statuses, Is.EqualTo(new[] { 302, 302, 429 }));
            Assert.That(await page.TextContentAsync(".error-summary"), Does.Contain("提交过于频繁"));
            Assert.That(IdPattern().IsMatch(await page.ContentAsync()), Is.False, "the refused report got no id");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task Lookups_and_follows_of_unknown_ids_past_the_limit_are_refused_429()
    {
        await using var node = await PortalNode.StartAsync("--Portal:FormsPerAddress=3");
        var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString().TrimEnd('/'), JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            var (ticket, _) = node.Get<Reference.Reporting.TicketDesk>().Open(
                node.Get<Reference.Reporting.TicketDesk>().Draft(NewNumber(), Labelling.LabelCategory.Fraud, "web", "web-visitor:limit", "限额测试", DateTimeOffset.UtcNow), null, (_, _) => string.Empty);
            var statuses = new List<int>();
            foreach (var path in new[] { "/lookup", $"/lookup?number={NewNumber()}", $"/lookup?number={NewNumber()}", $"/follow?id={ticket.Id}", "/follow?id=RPT-20261206-000000000000", $"/lookup?number={NewNumber()}", $"/follow?id={ticket.Id}", "/follow?id=appeal-00000000000000000000" })
            {
                statuses.Add((await page.GotoAsync(path))!.Status);
            }

            // The bare page and a follow that finds its ticket count for nothing; two lookups and one unknown id reach the limit of 3.
            Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 200, 200, 404, 429, 200, 429 }));
            Assert.That(await page.TextContentAsync(".error-summary"), Does.Contain("提交过于频繁"));
            await page.GotoAsync($"/lookup?number={NewNumber()}");
            Assert.That(await page.Locator("#label-none, #label-category").CountAsync(), Is.Zero, "a refused lookup shows no answer");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [GeneratedRegex("RPT-[0-9]{8}-[0-9A-F]{12}")]
    private static partial Regex IdPattern();
}
