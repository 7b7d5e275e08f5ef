using Labelling.Appeals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Reporting;

namespace Reference.Portal.Pages;

/// <summary>
/// Follows a report's ticket (RPT-…) or an appeal (appeal-…) by the id it was answered with; the appellant's name is
/// never shown here. Both ids carry enough random bits that a neighbour of one's own id finds nothing, and an id that
/// finds nothing counts towards the address's limit of public forms, so ids cannot be tried in bulk either.
/// </summary>
public sealed class FollowModel(TicketDesk tickets, AppealDesk appeals, PortalOptions options, FormRateLimiter limiter, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "new")]
    public bool New { get; set; }

    public FormErrors Errors { get; } = new();

    public Ticket? Report { get; private set; }

    public string Department => Report is null ? string.Empty : tickets.Routes.Departments.GetValueOrDefault(Report.Department, Report.Department);

    public Appeal? Appeal { get; private set; }

    /// <summary>False only in the portal-escape mutant.</summary>
    public bool Escapes => options.Escapes;

    public IActionResult OnGet()
    {
        if (!Request.Query.ContainsKey("id"))
        {
            return Page();
        }

        var id = Id?.Trim() ?? string.Empty;
        if (id.Length == 0)
        {
            Errors.Add("id", text["Errors.IdRequired"]);
        }
        else if (id.Length > 40 || !options.Follows || (Report = tickets.Store.Find(id.ToUpperInvariant())) is null && (Appeal = FindAppeal(id.ToLowerInvariant())) is null)
        {
            if (limiter.Take(HttpContext) is { } wait)
            {
                return PortalLimits.TooMany(this, wait);
            }

            Errors.Add("id", text["Errors.IdUnknown"]);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>
    /// An appeal by the id it was answered with. Appeals filed before ids were random were numbered in order
    /// (appeal-1, appeal-2, …): those are not followed here, where anyone could count through them.
    /// </summary>
    private Appeal? FindAppeal(string id) =>
        AppealDesk.IsUnguessable(id) ? appeals.Find(id, time.GetUtcNow()) : null;
}
