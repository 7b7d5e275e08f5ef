using System.Globalization;
using Labelling.Appeals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Apis;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages;

/// <summary>
/// A number's holder appeals its label (标记申诉), with the evidence the reason needs: a reissued number, the date the
/// holder got it; another holder named, the holder's own name; any other reason, an explanation. The appeal desk
/// decides what the allocation record and the label do not settle at once.
/// </summary>
public sealed class AppealModel(AppealDesk desk, FormRateLimiter limiter, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    private const int LongestHolder = 200;
    private const int ShortestExplanation = 10;

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    [BindProperty]
    public string? Holder { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Since { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public FormErrors Errors { get; } = new();

    public int MaxText => AppealsApi.MaxTextLength;

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var now = time.GetUtcNow();
        var number = PortalNumbers.Read(Errors, text, "number", Number);
        var holder = Holder?.Trim() ?? string.Empty;
        if (holder.Length == 0)
        {
            Errors.Add("holder", text["Errors.HolderRequired"]);
        }
        else if (holder.Length > LongestHolder)
        {
            Errors.Add("holder", text["Errors.TextTooLong", LongestHolder, holder.Length]);
        }

        AppealReason? reason = Reason switch
        {
            "reissued" => AppealReason.Reissued,
            "different-holder" => AppealReason.DifferentHolder,
            "other" => AppealReason.Other,
            _ => null,
        };
        if (reason is null)
        {
            Errors.Add("reason", text["Errors.ReasonRequired"]);
        }

        DateOnly? since = null;
        if (DateOnly.TryParseExact(Since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            since = date;
            if (date > DateOnly.FromDateTime(now.ToOffset(PortalTime.Beijing).DateTime))
            {
                Errors.Add("since", text["Errors.SinceFuture"]);
            }
        }
        else if (!string.IsNullOrWhiteSpace(Since) || reason == AppealReason.Reissued)
        {
            Errors.Add("since", text["Errors.SinceRequired"]);
        }

        var explanation = Text?.Trim() ?? string.Empty;
        if (explanation.Length > MaxText)
        {
            Errors.Add("text", text["Errors.TextTooLong", MaxText, explanation.Length]);
        }
        else if (reason == AppealReason.Other && explanation.Length < ShortestExplanation)
        {
            Errors.Add("text", text["Errors.ExplanationRequired", ShortestExplanation]);
        }

        if (!Confirm)
        {
            Errors.Add("confirm", text["Errors.ConfirmRequired"]);
        }

        if (Errors.Any)
        {
            return Page();
        }

        if (limiter.Take(HttpContext) is { } wait)
        {
            return PortalLimits.TooMany(this, wait);
        }

        // The desk keeps the appellant's evidence as the appeal's text: the date stated, then the explanation.
        var evidence = since is { } held ? $"holder since {held:yyyy-MM-dd}" + (explanation.Length > 0 ? "; " + explanation : string.Empty) : explanation;
        var appeal = desk.File(number!, holder, reason!.Value, evidence.Length > MaxText ? evidence[..MaxText] : evidence, now);
        return Redirect("/follow?id=" + Uri.EscapeDataString(appeal.Id) + "&new=true");
    }
}
