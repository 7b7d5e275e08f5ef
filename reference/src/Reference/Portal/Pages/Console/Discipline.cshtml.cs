using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Access;
using Reference.Portal.Resources;
using Reference.Resources;

namespace Reference.Portal.Pages.Console;

/// <summary>
/// The joint-discipline list (一处失信，处处受限) as GET /v1/discipline-list gives it, newest entry first, for the regulator
/// and the carriers' operators; an operator lists an enterprise here in the name of the carrier of their key (as
/// POST /v1/discipline-list does: the regulator reads the list but does not write it).
/// </summary>
public sealed class DisciplineModel(ResourceLedger ledger, ApiKeyBook keys, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    public const int LongestEnterprise = 200;

    [BindProperty(SupportsGet = true, Name = "find")]
    public string? Find { get; set; }

    [BindProperty(SupportsGet = true, Name = "listed")]
    public string? Listed { get; set; }

    [BindProperty]
    public string? Enterprise { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public FormErrors Errors { get; } = new();

    public int MaxReason => AllocationsApi.MaxText;

    public bool CanList => User.IsInRole(Role.CarrierOperator.Code());

    public IReadOnlyList<DisciplineEntry> Entries { get; private set; } = [];

    public void OnGet() => Read();

    public IActionResult OnPost()
    {
        if (!CanList)
        {
            return Forbid();
        }

        var enterprise = Enterprise?.Trim() ?? string.Empty;
        var reason = Reason?.Trim() ?? string.Empty;
        if (enterprise.Length == 0)
        {
            Errors.Add("enterprise", text["Errors.EnterpriseRequired"]);
        }
        else if (enterprise.Length > LongestEnterprise)
        {
            Errors.Add("enterprise", text["Errors.TextTooLong", LongestEnterprise, enterprise.Length]);
        }

        if (reason.Length == 0)
        {
            Errors.Add("reason", text["Errors.WhyRequired"]);
        }
        else if (reason.Length > MaxReason)
        {
            Errors.Add("reason", text["Errors.TextTooLong", MaxReason, reason.Length]);
        }

        if (Errors.Any)
        {
            Read();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var entry = ledger.List(enterprise, reason, StaffCookie.Caller(User, keys), time.GetUtcNow());
        return Redirect("/console/discipline?listed=" + Uri.EscapeDataString(entry.Enterprise));
    }

    private void Read()
    {
        var find = string.IsNullOrWhiteSpace(Find) ? null : Find.Trim();
        Entries = ledger.Listings(find, StaffCookie.Caller(User, keys)).Reverse().ToList();
    }
}
