using Microsoft.Playwright;
using Reference.Access;
using Reference.Resources;

namespace Portal.Tests;

/// <summary>The console's trunk audit (findings with their call records, suspension by the operator) and the joint-discipline list.</summary>
public sealed class ResourcesConsoleTests : PortalTest
{
    private static readonly DateTimeOffset CallTime = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_trunk_audit_lists_the_calls_outside_its_blocks_with_their_records_and_the_regulator_cannot_suspend()
    {
        var (trunk, block, inside, outside) = Seed.TrunkWithCalls("audit", CallTime);
        var page = await OpenAsync("/console/audit");
        await SignInAsync(page, Node.Key("regulator-a", Role.Regulator));
        Assert.That(PathOf(page), Is.EqualTo("/console/audit"));
        await page.FillAsync("#trunk", trunk);
        await page.FillAsync("#from", "2026-11-20T09:00");
        await page.FillAsync("#to", "2026-11-20T11:00");
        await page.ClickAsync("button[type=submit].button");

        Assert.That(await page.TextContentAsync("#findings-title"), Is.EqualTo("发现 1 通号段外主叫的呼叫"));
        var evidence = await page.TextContentAsync("#audit-findings tbody");
        Assert.That(evidence, Does.Contain(outside.Calling).And.Contain(outside.CallId).And.Contain("2026-11-20 10:00"), "the finding shows its call record");
        Assert.That(evidence, Does.Not.Contain(inside.Calling), "a call from inside the block is no finding");
        Assert.That(await page.TextContentAsync("#audit-blocks"), Does.Contain($"{block}0000–{block}9999"));
        Assert.That(await page.TextContentAsync("#sanction-state"), Does.Contain("未被暂停"));
        Assert.That(await page.Locator("form[action*='handler=suspend']").CountAsync(), Is.Zero, "the regulator reads audits but imposes no sanction");
        await ShotAsync(page, "zh-CN-desktop-console-audit");

        await page.FillAsync("#trunk", "no-such-trunk");
        await page.FillAsync("#to", "2026-11-20T08:00");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit].button"), r => r.Url.Contains("/console/audit", StringComparison.Ordinal));
        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(await page.Locator(".error-summary a").AllTextContentsAsync(), Is.EqualTo(new[] { "没有这条中继", "结束时间必须晚于开始时间" }));
    }

    [Test]
    public async Task An_operator_suspends_a_trunk_from_its_audit_and_lifts_the_suspension()
    {
        var (trunk, _, _, _) = Seed.TrunkWithCalls("audit", CallTime);
        var page = await OpenAsync($"/console/audit?trunk={trunk}&from=2026-11-20T09:00&to=2026-11-20T11:00");
        await SignInAsync(page, Node.Key("operator-a", Role.CarrierOperator));
        await page.ClickAsync("form[action*='handler=suspend'] button");
        Assert.That(await page.TextContentAsync("#reason-error"), Does.Contain("请填写理由"));
        Assert.That(Node.Get<ResourceLedger>().IsSuspended(trunk), Is.False, "nothing is done without a reason");

        await page.FillAsync("#reason", "号段外主叫 <b>1</b> 通");
        await page.ClickAsync("form[action*='handler=suspend'] button");
        Assert.That(await page.TextContentAsync("#sanction-done"), Does.Contain($"已暂停中继 {trunk}"));
        Assert.That(await page.TextContentAsync("#sanction-state"), Does.Contain("号段外主叫 <b>1</b> 通"), "the reason comes back as text");
        Assert.That(await page.Locator("#findings-title").CountAsync(), Is.EqualTo(1), "the audit is shown again after the suspension");
        var sanction = Node.Get<ResourceLedger>().SanctionOf(trunk);
        Assert.That(sanction?.ImposedBy, Is.EqualTo("operator-a"), "imposed in the name of the operator's key");

        await page.ClickAsync("form[action*='handler=lift'] button");
        Assert.That(await page.TextContentAsync("#sanction-done"), Does.Contain("已解除"));
        Assert.That(Node.Get<ResourceLedger>().IsSuspended(trunk), Is.False);
    }

    [Test]
    public async Task An_operator_lists_an_enterprise_in_its_carriers_name_and_the_regulator_reads_it_without_writing()
    {
        var enterprise = "营销公司 <script>x</script> " + Guid.NewGuid().ToString("N")[..6];
        var page = await OpenAsync("/console/discipline");
        await SignInAsync(page, Node.Key("carrier-east", Role.CarrierOperator));
        await page.ClickAsync("form[method=post][action='/console/discipline'] button");
        Assert.That(await page.Locator(".error-summary a").AllTextContentsAsync(), Is.EqualTo(new[] { "请输入企业名称或编号", "请填写理由" }));

        await page.FillAsync("#enterprise", enterprise);
        await page.FillAsync("#reason", "多次违规外呼");
        await page.ClickAsync("form[method=post][action='/console/discipline'] button");
        Assert.That(await page.TextContentAsync("#listed"), Does.Contain(enterprise));
        var row = page.Locator("#discipline tbody tr", new() { HasText = enterprise });
        Assert.That(await row.TextContentAsync(), Does.Contain("carrier-east").And.Contain("多次违规外呼"));
        Assert.That(await page.Locator("#discipline script").CountAsync(), Is.Zero, "the name is text, not markup");
        await ShotAsync(page, "zh-CN-desktop-console-discipline");

        var regulator = await OpenAsync("/console/discipline");
        await SignInAsync(regulator, Node.Key("regulator-d", Role.Regulator));
        await regulator.FillAsync("#find", enterprise);
        await regulator.ClickAsync("form[role=search] button");
        Assert.That(await regulator.Locator("#discipline tbody tr").CountAsync(), Is.EqualTo(1));
        Assert.That(await regulator.Locator("#enterprise").CountAsync(), Is.Zero, "no form to list for the regulator");
        var token = await regulator.GetAttributeAsync("input[name=__portal_token]", "value");
        var forged = await regulator.APIRequest.PostAsync("/console/discipline", new APIRequestContextOptions
        {
            Form = regulator.APIRequest.CreateFormData().Set("__portal_token", token!).Set("Enterprise", "另一家公司").Set("Reason", "regulator"),
            MaxRedirects = 0,
        });
        Assert.That(forged.Status, Is.EqualTo(302));
        Assert.That(forged.Headers["location"], Does.Contain("/staff/denied"));
        Assert.That(Node.Get<ResourceLedger>().Listings("另一家公司", new ApiCaller("t", [Role.Regulator], "t")), Is.Empty, "the regulator's post listed nothing");
    }
}
