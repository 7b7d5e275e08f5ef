using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reference.Portal.Pages.Staff;

/// <summary>Signs staff out (a form, so another site cannot sign them out with a link).</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StaffCookie.Scheme);
        return LocalRedirect("/");
    }
}
