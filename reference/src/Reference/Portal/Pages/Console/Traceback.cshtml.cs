using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Traceback;

namespace Reference.Portal.Pages.Console;

/// <summary>Traceback by callee and time window (Beijing time), as GET /v1/traceback/calls answers it, newest call first.</summary>
public sealed class TracebackModel(IServiceProvider services, IStringLocalizer<PortalText> text) : PageModel
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    [BindProperty(SupportsGet = true, Name = "callee")]
    public string? Callee { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public FormErrors Errors { get; } = new();

    public bool Available => services.GetService<CallRecordSearch>() is not null;

    public IReadOnlyList<FoundCall>? Calls { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Callee is null && From is null && To is null)
        {
            return;
        }

        var callee = PortalNumbers.Read(Errors, text, "callee", Callee);
        var from = Instant("from", From);
        var to = Instant("to", To);
        if (from is { } f && to is { } t)
        {
            if (f >= t)
            {
                Errors.Add("to", text["Errors.ToBeforeFrom"]);
            }
            else if (t - f > TracebackApi.LongestCalleeWindow)
            {
                Errors.Add("to", text["Errors.WindowTooLong", (int)TracebackApi.LongestCalleeWindow.TotalDays]);
            }
        }

        if (Errors.Any || services.GetService<CallRecordSearch>() is not { } search)
        {
            Response.StatusCode = Errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Calls = await search.FindAsync(new TracebackQuery("called", callee!, from!.Value, to!.Value, TracebackApi.DefaultLimit), cancellationToken);
    }

    private DateTimeOffset? Instant(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Errors.Add(field, text["Errors.TimeRequired"]);
            return null;
        }

        // A browser without a date-time picker sends what was typed: take the picker's form, with or without seconds.
        string[] formats = [LocalFormat, LocalFormat + ":ss", "yyyy-MM-dd HH:mm"];
        if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year is >= 1970 and <= 9000)
        {
            return new DateTimeOffset(local, PortalTime.Beijing);
        }

        Errors.Add(field, text["Errors.TimeInvalid"]);
        return null;
    }
}
