using Labelling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages;

/// <summary>举报: a visitor reports a number with a category and what happened; answered with the id to follow it by.</summary>
public sealed class ReportModel(WebReportDesk desk, LabelBook book, FormRateLimiter limiter, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
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

        var report = desk.File(number!, category!.Value, said, time.GetUtcNow());
        return Redirect("/follow?id=" + Uri.EscapeDataString(report.Id) + "&new=true");
    }
}
