using System.Globalization;
using Microsoft.Playwright;

namespace Conformance.Harness.Web;

/// <summary>
/// The portal markup of the vendor guide (conformance-tests/VENDOR-GUIDE.md, "Public web portal"): forms at /report and
/// /appeal whose fields are named Number, Category, Text, Holder, Reason, Since and Confirm, with the standard's codes
/// as the values of the choices; GET /follow?id= and GET /lookup?number=; and the answers marked with data-portal-id,
/// data-portal-state, data-portal-text, data-portal-category, data-portal-source and data-portal-no-label.
/// </summary>
public sealed class StandardPortalPages : IPortalPages
{
    private static readonly LocatorWaitForOptions Shown = new() { Timeout = 10_000 };

    public async Task<string> ReportAsync(IPage page, PortalReport report)
    {
        await page.GotoAsync("/report");
        await page.FillAsync("form [name=Number]", report.Number);
        await page.CheckAsync($"form [name=Category][value='{report.Category}']");
        await page.FillAsync("form [name=Text]", report.Text);
        await page.Locator("form:has([name=Text]) [type=submit]").ClickAsync();
        return await IdAsync(page);
    }

    public async Task<PortalItem?> FollowAsync(IPage page, string id)
    {
        await page.GotoAsync("/follow?id=" + Uri.EscapeDataString(id));
        var state = page.Locator("[data-portal-state]").First;
        if (await state.CountAsync() == 0)
        {
            return null;
        }

        var text = page.Locator("[data-portal-text]").First;
        return new PortalItem(
            await page.Locator("[data-portal-id]").First.GetAttributeAsync("data-portal-id") ?? id,
            (await state.GetAttributeAsync("data-portal-state"))!,
            await text.CountAsync() == 0 ? null : await text.TextContentAsync());
    }

    public async Task<PortalLabel?> LookupAsync(IPage page, string number)
    {
        await page.GotoAsync("/lookup?number=" + Uri.EscapeDataString(number));
        var answer = page.Locator("[data-portal-category], [data-portal-no-label]").First;
        await answer.WaitForAsync(Shown);
        if (await answer.GetAttributeAsync("data-portal-category") is not { } category)
        {
            return null;
        }

        return new PortalLabel(category, await page.Locator("[data-portal-source]").First.GetAttributeAsync("data-portal-source") ?? string.Empty);
    }

    public async Task<string> AppealAsync(IPage page, PortalAppeal appeal)
    {
        await page.GotoAsync("/appeal");
        await page.FillAsync("form [name=Number]", appeal.Number);
        await page.FillAsync("form [name=Holder]", appeal.Holder);
        await page.CheckAsync($"form [name=Reason][value='{appeal.Reason}']");
        if (appeal.HeldSince is { } since)
        {
            await page.FillAsync("form [name=Since]", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (appeal.Text.Length > 0)
        {
            await page.FillAsync("form [name=Text]", appeal.Text);
        }

        await page.CheckAsync("form [name=Confirm]");
        await page.Locator("form:has([name=Holder]) [type=submit]").ClickAsync();
        return await IdAsync(page);
    }

    private static async Task<string> IdAsync(IPage page)
    {
        var id = page.Locator("[data-portal-id]").First;
        try
        {
            await id.WaitForAsync(Shown);
        }
        catch (TimeoutException)
        {
            throw new PortalException($"the portal answered the form at {page.Url} with no id (no element with data-portal-id)");
        }

        return (await id.GetAttributeAsync("data-portal-id"))!;
    }
}
