using Labelling.Appeals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reference.Portal.Pages.Desk;

/// <summary>The appeal desk's queue: pending appeals, the overdue ones first, then by deadline.</summary>
public sealed class AppealsModel(AppealDesk desk, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "decided")]
    public string? Decided { get; set; }

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Appeal> Pending { get; private set; } = [];

    public static string Code(AppealReason reason) => reason switch
    {
        AppealReason.Reissued => "reissued",
        AppealReason.DifferentHolder => "different-holder",
        _ => "other",
    };

    public void OnGet()
    {
        Now = time.GetUtcNow();
        if (Decided is not null && desk.Find(Decided, Now) is null)
        {
            Decided = null;
        }

        Pending = desk.All(Now).Where(a => a.State == AppealState.Pending)
            .OrderByDescending(a => a.IsOverdue(Now)).ThenBy(a => a.DecideBy).ToList();
    }
}
