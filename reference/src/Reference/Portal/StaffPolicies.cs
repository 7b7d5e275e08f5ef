using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Reference.Access;

namespace Reference.Portal;

/// <summary>Which roles of the management API open which staff pages: the same roles as the API operations they show.</summary>
public static class StaffPolicies
{
    public const string AppealDesk = "appeal-desk";

    public const string Console = "console";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(AppealDesk, policy => policy.AddAuthenticationSchemes(StaffCookie.Scheme).RequireClaim(ClaimTypes.Role, Role.AppealDesk.Code()));
        options.AddPolicy(Console, policy => policy.AddAuthenticationSchemes(StaffCookie.Scheme)
            .RequireClaim(ClaimTypes.Role, Role.Regulator.Code(), Role.CarrierOperator.Code()));
    }
}
