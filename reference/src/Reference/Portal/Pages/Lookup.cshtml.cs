using Labelling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages;

/// <summary>
/// Looks up a number's label as callees see it, and says where the label comes from. Each lookup counts towards the
/// address's limit of public forms, so the label book cannot be read out number by number.
/// </summary>
public sealed class LookupModel(LabelBook book, PortalOptions options, FormRateLimiter limiter, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "number")]
    public string? Number { get; set; }

    public FormErrors Errors { get; } = new();

    public string? Looked { get; private set; }

    public Label? Label { get; private set; }

    public IActionResult OnGet()
    {
        if (Number is null)
        {
            return Page();
        }

        if (limiter.Take(HttpContext) is { } wait)
        {
            return PortalLimits.TooMany(this, wait);
        }

        Looked = PortalNumbers.Read(Errors, text, "number", Number);
        if (Looked is not null)
        {
            Label = options.LooksUp ? book.Lookup(Looked, time.GetUtcNow()) : null;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
