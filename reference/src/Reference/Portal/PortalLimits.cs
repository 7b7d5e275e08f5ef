using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reference.Portal;

/// <summary>The answer to a public form past its rate limit: 429 with Retry-After, and the page saying when to try again.</summary>
public static class PortalLimits
{
    public static IActionResult TooMany(PageModel page, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        page.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        page.ViewData["RetryMinutes"] = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
    }
}
