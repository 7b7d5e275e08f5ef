using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Access;
using Reference.Portal.Resources;
using Reference.Resources;
using Reference.Storage;

namespace Reference.Portal.Pages.Console;

/// <summary>
/// A trunk's audit, as GET /v1/trunks/{id}/audit answers it: the blocks allocated to it and every call in the window
/// (Beijing time) whose calling number lay outside them, each with its call record as the evidence; and the trunk's
/// suspension, which a carrier's operator may impose or lift here (PUT and DELETE /v1/trunks/{id}/suspension).
/// </summary>
public sealed class AuditModel(ResourceLedger ledger, InMemoryDirectory directory, ApiKeyBook keys, IServiceProvider services, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    public const int MostShown = 500;

    [BindProperty(SupportsGet = true, Name = "trunk")]
    public string? Trunk { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public FormErrors Errors { get; } = new();

    public bool Available => services.GetService<TrunkAudit>() is not null;

    public bool CanSanction => User.IsInRole(Role.CarrierOperator.Code());

    public TrunkRecord? Found { get; private set; }

    public IReadOnlyList<ResourceAllocation> Blocks { get; private set; } = [];

    public TrunkSanction? Sanction { get; private set; }

    public IReadOnlyList<AuditFinding>? Findings { get; private set; }

    /// <summary>The query string that brings the same audit back (after a suspension is imposed or lifted).</summary>
    public string Again(string done) =>
        $"/console/audit?trunk={Uri.EscapeDataString(Trunk ?? string.Empty)}&from={Uri.EscapeDataString(From ?? string.Empty)}&to={Uri.EscapeDataString(To ?? string.Empty)}&done={done}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Trunk is null && From is null && To is null)
        {
            return Page();
        }

        var found = ReadTrunk();
        var from = PortalTime.Read(Errors, text, "from", From);
        var to = PortalTime.Read(Errors, text, "to", To);
        PortalTime.Window(Errors, text, from, to, TrunkSanctionsApi.LongestAudit);
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Show(found!);
        if (services.GetService<TrunkAudit>() is not { } audit)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        Findings = await audit.FindAsync(found!.Id, from!.Value, to!.Value, cancellationToken);
        return Page();
    }

    public IActionResult OnPostSuspend()
    {
        if (!CanSanction)
        {
            return Forbid();
        }

        var found = ReadTrunk();
        var reason = Reason?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            Errors.Add("reason", text["Errors.WhyRequired"]);
        }
        else if (reason.Length > AllocationsApi.MaxText)
        {
            Errors.Add("reason", text["Errors.TextTooLong", AllocationsApi.MaxText, reason.Length]);
        }

        if (Errors.Any)
        {
            if (found is not null)
            {
                Show(found);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        ledger.Suspend(found!.Id, reason, StaffCookie.Caller(User, keys), time.GetUtcNow());
        return Redirect(Again("suspended"));
    }

    public IActionResult OnPostLift()
    {
        if (!CanSanction)
        {
            return Forbid();
        }

        if (ReadTrunk() is not { } found)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        ledger.Lift(found.Id, time.GetUtcNow());
        return Redirect(Again("lifted"));
    }

    private TrunkRecord? ReadTrunk()
    {
        var id = Trunk?.Trim() ?? string.Empty;
        if (id.Length == 0)
        {
            Errors.Add("trunk", text["Errors.TrunkRequired"]);
            return null;
        }

        if (directory.FindTrunk(id) is { } found)
        {
            return found;
        }

        Errors.Add("trunk", text["Errors.TrunkUnknown"]);
        return null;
    }

    private void Show(TrunkRecord found)
    {
        Found = found;
        Blocks = ledger.BlocksOf(found.Id);
        Sanction = ledger.SanctionOf(found.Id);
    }
}
