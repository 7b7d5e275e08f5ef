using Microsoft.AspNetCore.Localization;

namespace Reference.Portal;

/// <summary>
/// The visitor's language: ?lang=en (or zh-CN) on any page for that page, or GET /language?to=en&amp;back=/report, which
/// keeps the choice in a cookie for a year and returns to the page. A link, not a form, so it works without script.
/// </summary>
public static class PortalLanguage
{
    public const string Query = "lang";

    public const string Cookie = "portal-lang";

    /// <summary>A language asked for with ?lang= is kept, so the page's forms and links go on in it.</summary>
    public static void Remember(HttpContext context)
    {
        if (context.Request.Query.TryGetValue(Query, out var asked)
            && PortalRegistration.Cultures.FirstOrDefault(c => string.Equals(c.Name, asked.ToString(), StringComparison.OrdinalIgnoreCase)) is { } culture)
        {
            context.Response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), Options());
        }
    }

    public static IResult Switch(HttpContext context, string? to, string? back)
    {
        var culture = PortalRegistration.Cultures.FirstOrDefault(c => string.Equals(c.Name, to, StringComparison.OrdinalIgnoreCase)) ?? PortalRegistration.Cultures[0];
        context.Response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), Options());

        // Only a path of this site: never an open redirect to another.
        var local = back is { Length: > 0 } && back[0] == '/' && (back.Length == 1 || (back[1] != '/' && back[1] != '\\')) ? back : "/";
        return Results.LocalRedirect(local);
    }

    private static CookieOptions Options() => new()
    {
        Expires = DateTimeOffset.UtcNow.AddYears(1),
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
    };
}
