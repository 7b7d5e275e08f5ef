using Labelling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Reporting;

namespace Reference.Portal.Pages;

/// <summary>举报: a visitor reports a number with a category and what happened; answered with its ticket's id to follow it by.</summary>
public sealed class ReportModel(TicketDesk desk, LabelBook book, FormRateLimiter limiter, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    public const string WebChannel = "web";

    public const string WebReporter = "web-visitor:";

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public FormErrors Errors { get; } = new();

    public int MaxText => book.Parameters.MaxTextLength;

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var number = PortalNumbers.Read(Errors, text, "number", Number);
        LabelCategory? category = null;
        if (LabelCategories.TryParse(Category, out var parsed) && !parsed.IsBenign())
        {
            category = parsed;
        }
        else
        {
            Errors.Add("category", text["Errors.CategoryRequired"]);
        }

        var said = Text?.Trim() ?? string.Empty;
        if (said.Length == 0)
        {
            Errors.Add("text", text["Errors.ReportTextRequired"]);
        }
        else if (said.Length > MaxText)
        {
            Errors.Add("text", text["Errors.TextTooLong", MaxText, said.Length]);
        }

        if (Errors.Any)
        {
            return Page();
        }

        if (limiter.Take(HttpContext) is { } wait)
        {
            return PortalLimits.TooMany(this, wait);
        }

        // A visitor no one has verified: the report is a ticket for the carrier to handle, and counts towards no label.
        // Each visitor's report is a reporter of its own, so two people behind one address never share a ticket.
        var reporter = WebReporter + Guid.NewGuid().ToString("N");
        var (ticket, _) = desk.Open(desk.Draft(number!, category!.Value, WebChannel, reporter, said, time.GetUtcNow()), null, (_, _) => string.Empty);
        return Redirect("/follow?id=" + Uri.EscapeDataString(ticket.Id) + "&new=true");
    }
}
