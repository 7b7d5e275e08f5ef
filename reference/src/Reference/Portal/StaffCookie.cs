using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Reference.Access;

namespace Reference.Portal;

/// <summary>
/// The staff cookie: issued when a management API key signs in (the key's id and roles, never its secret), checked
/// on every request against the key book, so a key revoked through the API signs its pages out at once.
/// </summary>
public static class StaffCookie
{
    public const string Scheme = "portal-staff";

    public const string KeyIdClaim = "portal:key-id";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "portal-staff";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/staff/sign-in";
        options.LogoutPath = "/staff/sign-out";
        options.AccessDeniedPath = "/staff/denied";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    public static ClaimsPrincipal Principal(ApiCaller caller)
    {
        var claims = new List<Claim>
        {
            new(KeyIdClaim, caller.KeyId),
            new(ClaimTypes.Name, caller.Account.Length > 0 ? caller.Account : caller.KeyId),
        };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r.Code())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The signed-in staff member as the API would see their key: for the services that act in a key's name (whose carrier lists an enterprise).</summary>
    public static ApiCaller Caller(ClaimsPrincipal user, ApiKeyBook book)
    {
        var id = user.FindFirst(KeyIdClaim)?.Value ?? string.Empty;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => Roles.TryParse(c.Value, out var role) ? role : (Role?)null).OfType<Role>().ToList();
        var account = book.All().FirstOrDefault(k => k.Id == id)?.Account ?? string.Empty;
        return new ApiCaller(id, roles, account);
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(KeyIdClaim)?.Value;
        var book = context.HttpContext.RequestServices.GetRequiredService<ApiKeyBook>();
        var live = id == ApiKeyBook.AdministratorKeyId
            ? book.HasAdministrator
            : book.All().Any(k => k.Id == id && k.RevokedAt is null);
        if (!live)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
