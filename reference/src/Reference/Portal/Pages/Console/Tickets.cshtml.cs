using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Reporting;

namespace Reference.Portal.Pages.Console;

/// <summary>
/// Report tickets by state and deadline for the regulator and the carrier's operator: the overdue ones first, then the
/// open ones by deadline, then the closed; and every open ticket against its step's deadline (on time, due within a
/// day, overdue), counted in the store.
/// </summary>
public sealed class TicketsModel(TicketDesk desk, PortalRecords records, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    private const int MostShown = 500;

    /// <summary>A step due within this is "due soon": a day's warning to act before it is late.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromDays(1);

    /// <summary>On time, due soon, overdue: told apart by more than colour, as the legend and the table name them.</summary>
    public static readonly string[] DeadlineColours = ["#007a5e", "#b35900", "#b0233a"];

    public static readonly TicketState[] OpenStates = [TicketState.Received, TicketState.Forwarded, TicketState.Answered];

    public bool Durable => records.Durable;

    /// <summary>Per open state (in <see cref="OpenStates"/>'s order): on time, due soon, overdue.</summary>
    public IReadOnlyList<TicketDeadlines> Deadlines { get; private set; } = [];

    public IReadOnlyList<string> Stages => OpenStates.Select(s => (string)text["Deadlines.Stage." + s.Code()]).ToList();

    public IReadOnlyList<string> Standings => [text["Deadlines.OnTime"], text["Deadlines.DueSoon"], text["Deadlines.Overdue"]];

    public long OpenTotal => Deadlines.Sum(d => d.OnTime + d.DueSoon + d.Overdue);

    public long Deadline(int stage, int standing) => standing switch
    {
        0 => Deadlines[stage].OnTime,
        1 => Deadlines[stage].DueSoon,
        _ => Deadlines[stage].Overdue,
    };

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
        var counted = records.TicketDeadlines(Now, Now + DueSoon);
        Deadlines = OpenStates.Select(s => counted.FirstOrDefault(d => d.State == s) ?? new TicketDeadlines(s, 0, 0, 0)).ToList();
    }
}
