using Labelling;
using Labelling.Appeals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Apis;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages.Desk;

/// <summary>The desk decides one pending appeal, clearing the label or upholding it, always with a reason.</summary>
public sealed class DecideModel(AppealDesk desk, LabelBook book, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Why { get; set; }

    public FormErrors Errors { get; } = new();

    public Appeal? Appeal { get; private set; }

    public Label? Label { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ? Page() : Missing();

    public IActionResult OnPost(string id)
    {
        if (!Load(id))
        {
            return Missing();
        }

        if (Decision is not ("clear" or "uphold"))
        {
            Errors.Add("clear", text["Errors.DecisionRequired"]);
        }

        var why = Why?.Trim() ?? string.Empty;
        if (why.Length == 0)
        {
            Errors.Add("why", text["Errors.WhyRequired"]);
        }
        else if (why.Length > AppealsApi.MaxTextLength)
        {
            Errors.Add("why", text["Errors.TextTooLong", AppealsApi.MaxTextLength, why.Length]);
        }

        if (Errors.Any)
        {
            return Page();
        }

        desk.Decide(id, Decision == "clear", why, Now);
        return Redirect("/desk/appeals?decided=" + Uri.EscapeDataString(id));
    }

    private PageResult Missing()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    private bool Load(string id)
    {
        Now = time.GetUtcNow();
        Appeal = desk.Find(id, Now);
        Label = Appeal is null ? null : book.Lookup(Appeal.Number, Now);
        return Appeal is not null;
    }
}
