using Labelling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages;

/// <summary>Looks up a number's label as callees see it, and says where the label comes from.</summary>
public sealed class LookupModel(LabelBook book, PortalOptions options, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "number")]
    public string? Number { get; set; }

    public FormErrors Errors { get; } = new();

    public string? Looked { get; private set; }

    public Label? Label { get; private set; }

    public void OnGet()
    {
        if (Number is null)
        {
            return;
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
    }
}
