using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Reference.Traceback;

namespace Reference.Portal.Pages.Console;

/// <summary>Traceback by callee and time window (Beijing time), as GET /v1/traceback/calls answers it, newest call first.</summary>
public sealed class TracebackModel(IServiceProvider services, IStringLocalizer<PortalText> text) : PageModel
{
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
        var from = PortalTime.Read(Errors, text, "from", From);
        var to = PortalTime.Read(Errors, text, "to", To);
        PortalTime.Window(Errors, text, from, to, TracebackApi.LongestCalleeWindow);
        if (Errors.Any || services.GetService<CallRecordSearch>() is not { } search)
        {
            Response.StatusCode = Errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Calls = await search.FindAsync(new TracebackQuery("called", callee!, from!.Value, to!.Value, TracebackApi.DefaultLimit), cancellationToken);
    }
}
