using Labelling;
using Labelling.Appeals;
using Microsoft.Playwright;
using Reference.Access;

namespace Portal.Tests;

/// <summary>
/// Every page of the portal in the state people meet it (with a result, with validation messages), for the tests that
/// go over all of them: accessibility and screenshots. Staff pages are visited signed in with the role they need.
/// </summary>
public static class PageTour
{
    private static readonly Lazy<(string Labelled, string ReportId, string AppealId, string Trunk)> Records = new(() =>
    {
        var labelled = "13912345678";
        Seed.VerifiedReports(labelled, LabelCategory.Advertising, reporters: 2);
        Seed.Intercepted(labelled, "13800000001", "marketing-hours", DateTimeOffset.UtcNow.AddMinutes(-30));
        var desk = Portal.Node.Get<Reference.Reporting.TicketDesk>();
        var (report, _) = desk.Open(desk.Draft(labelled, LabelCategory.Advertising, "web", "web-visitor:tour", "周末一早打来推销课程", DateTimeOffset.UtcNow), null, (_, _) => string.Empty);
        Seed.Flag("13987654321", LabelCategory.Fraud);
        var appeal = Seed.Appeal("13987654321", "周九", AppealReason.Other, "号码一直用于公司客服");
        var trunk = Seed.TrunkWithCalls("tour", new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero)).Trunk;
        Seed.Listed("某某营销外包有限公司", "多次冒用他人号码外呼");
        return (labelled, report.Id, appeal.Id, trunk);
    });

    /// <summary>Name (used in screenshot file names), path, the role to sign in with (null: public), and a step to run on the page.</summary>
    public static IEnumerable<(string Name, string Path, Role? Role, Func<IPage, Task>? Step)> Pages()
    {
        var (labelled, reportId, appealId, trunk) = Records.Value;
        yield return ("home", "/", null, null);
        yield return ("report", "/report", null, null);
        yield return ("report-errors", "/report", null, Submit);
        yield return ("follow", $"/follow?id={reportId}", null, null);
        yield return ("follow-appeal", $"/follow?id={appealId}", null, null);
        yield return ("lookup", $"/lookup?number={labelled}", null, null);
        yield return ("appeal", "/appeal", null, null);
        yield return ("appeal-errors", "/appeal", null, Submit);
        yield return ("rules", "/rules", null, null);
        yield return ("sign-in", "/staff/sign-in", null, null);
        yield return ("desk-appeals", "/desk/appeals", Role.AppealDesk, null);
        yield return ("desk-decide", $"/desk/appeals/{appealId}", Role.AppealDesk, null);
        yield return ("console-history", $"/console?number={labelled}", Role.Regulator, null);
        yield return ("console-traceback", "/console/traceback?callee=13800000001&from=2026-12-01T00:00&to=2026-12-31T00:00", Role.CarrierOperator, null);
        yield return ("console-charts", "/console/charts", Role.Regulator, null);
        yield return ("console-tickets", "/console/tickets", Role.Regulator, null);
        yield return ("console-audit", $"/console/audit?trunk={trunk}&from=2026-11-20T00:00&to=2026-11-21T00:00", Role.CarrierOperator, null);
        yield return ("console-discipline", "/console/discipline", Role.CarrierOperator, null);
    }

    /// <summary>Opens <paramref name="path"/> in <paramref name="context"/>, signing in first for a staff page.</summary>
    public static async Task<IPage> VisitAsync(IBrowserContext context, string path, Role? role, Func<IPage, Task>? step)
    {
        var page = await context.NewPageAsync();
        if (role is { } needed)
        {
            await page.GotoAsync("/staff/sign-in");
            await page.FillAsync("#key", Portal.Node.Key("tour-" + needed, needed));
            await page.ClickAsync("button[type=submit].button");
        }

        var response = await page.GotoAsync(path);
        Assert.That(response!.Ok, Is.True, $"{path} answered {response.Status}");
        if (step is not null)
        {
            await step(page);
        }

        return page;
    }

    private static Task Submit(IPage page) => page.ClickAsync("button[type=submit].button");
}
