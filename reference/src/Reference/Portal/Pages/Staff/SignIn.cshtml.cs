using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Access;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages.Staff;

/// <summary>Staff sign in with the management API key issued to them; the cookie then carries the key's id and roles.</summary>
public sealed class SignInModel(ApiKeyBook keys, FormRateLimiter limiter, IStringLocalizer<PortalText> text) : PageModel
{
    private const int LongestKey = 200;

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var key = Key?.Trim() ?? string.Empty;
        if (key.Length == 0)
        {
            Errors.Add("key", text["Errors.KeyRequired"]);
            return Page();
        }

        // Every attempt counts, so guessing keys from one address is as slow as the forms' limit.
        if (limiter.Take(HttpContext) is { } wait)
        {
            return PortalLimits.TooMany(this, wait);
        }

        if (key.Length > LongestKey || keys.Authenticate(key) is not { } caller)
        {
            Errors.Add("key", text["Errors.KeyUnknown"]);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(StaffCookie.Scheme, StaffCookie.Principal(caller));
        if (ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back))
        {
            return LocalRedirect(back);
        }

        return LocalRedirect(caller.Has(Role.AppealDesk) ? "/desk/appeals" : caller.Has(Role.Regulator) || caller.Has(Role.CarrierOperator) ? "/console" : "/");
    }
}
