using Microsoft.Playwright;

namespace Conformance.Harness.Web;

/// <summary>
/// The page-object adapter of a system's public portal: how the suite files a report, follows it, looks a number up and
/// appeals a label on the system's own pages, in a browser. <see cref="StandardPortalPages"/> drives the markup the
/// vendor guide describes; a vendor whose pages look different implements this interface in an assembly of its own
/// and names it in the target file ($.web.pages). Every method starts on <paramref name="page"/>, whose base URL is
/// the portal's ($.web.url), and answers in the standard's codes, never in the page's words.
/// </summary>
public interface IPortalPages
{
    /// <summary>Files a report (举报) and returns the id the portal answered it with.</summary>
    Task<string> ReportAsync(IPage page, PortalReport report);

    /// <summary>Follows a report or appeal by its id; null when the portal knows no such id.</summary>
    Task<PortalItem?> FollowAsync(IPage page, string id);

    /// <summary>The number's label as the portal shows it; null when it shows none.</summary>
    Task<PortalLabel?> LookupAsync(IPage page, string number);

    /// <summary>Files an appeal of a number's label as its holder and returns the id the portal answered it with.</summary>
    Task<string> AppealAsync(IPage page, PortalAppeal appeal);
}
