using Labelling;
using Labelling.Appeals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Reporting;

namespace Reference.Portal.Pages.Console;

/// <summary>
/// A number's history for the regulator and the carrier's operator: its label now, the verified reports that count towards its label,
/// the tickets of every report about it (web, app, phone), its appeals (without the appellants' names) and the calls from it that were intercepted.
/// </summary>
public sealed class HistoryModel(LabelBook book, AppealDesk desk, TicketDesk tickets, PortalRecords records, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "number")]
    public string? Number { get; set; }

    public FormErrors Errors { get; } = new();

    public bool Durable => records.Durable;

    public string? National { get; private set; }

    public Label? Label { get; private set; }

    public IReadOnlyList<(LabelCategory Category, string Channel, DateTimeOffset At)> Reports { get; private set; } = [];

    public IReadOnlyList<Ticket> Tickets { get; private set; } = [];

    public IReadOnlyList<Appeal> Appeals { get; private set; } = [];

    public IReadOnlyList<(DateTimeOffset At, string Called, string Reason)> Interceptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Number is null)
        {
            return;
        }

        National = PortalNumbers.Read(Errors, text, "number", Number);
        if (National is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var now = time.GetUtcNow();
        Label = book.Lookup(National, now);
        Reports = records.Reports(National);
        Tickets = tickets.Store.List(National, null, 200);
        Appeals = desk.All(now).Where(a => a.Number == National).OrderByDescending(a => a.FiledAt).ToList();
        Interceptions = await records.InterceptionsAsync(National, cancellationToken);
    }
}
