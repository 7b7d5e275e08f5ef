using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Reporting;

namespace Reference.Portal.Pages.Console;

/// <summary>Report tickets by state and deadline for the regulator and the carrier's operator: the overdue ones first, then the open ones by deadline, then the closed.</summary>
public sealed class TicketsModel(TicketDesk desk, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    private const int MostShown = 500;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Ticket> Overdue { get; private set; } = [];

    public IReadOnlyList<Ticket> Shown { get; private set; } = [];

    public IReadOnlyList<(string Label, long Value)> PerState { get; private set; } = [];

    public bool IsOverdue(Ticket ticket) => ticket.Due is { } due && due <= Now;

    public string DepartmentName(Ticket ticket) => desk.Routes.Departments.GetValueOrDefault(ticket.Department, ticket.Department);

    public void OnGet()
    {
        Now = time.GetUtcNow();
        Overdue = desk.Overdue(Now, null, MostShown);
        var recent = desk.Store.List(null, null, MostShown);
        Shown = Overdue.Concat(recent.Where(t => !Overdue.Any(o => o.Id == t.Id)).OrderBy(t => t.Due is null).ThenBy(t => t.Due)).ToList();
        PerState = Enum.GetValues<TicketState>()
            .Select(s => ((string)text["State." + s.Code()], (long)Shown.Count(t => t.State == s)))
            .Append((text["State.overdue"], Overdue.Count))
            .ToList();
    }
}
