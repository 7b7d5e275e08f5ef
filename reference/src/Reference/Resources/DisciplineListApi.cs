using Reference.Access;
using Reference.Provisioning;
using static Reference.Resources.ResourceRequests;

namespace Reference.Resources;

/// <summary>
/// The joint-discipline list shared between carriers (RES-DIS): a carrier's operator publishes an entry, naming the
/// enterprise and why; the listing carrier is the key's own account, so no carrier can list in another's name. Every
/// carrier's operator and the regulator read every entry.
/// </summary>
public static class DisciplineListApi
{
    public static IEndpointRouteBuilder MapDisciplineListApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/discipline-list", async (ListingRequest? body, ResourceLedger ledger, TimeProvider time, ApiCaller caller) =>
        {
            var errors = new FieldErrors();
            var enterprise = errors.Required("enterprise", body?.Enterprise);
            var reason = errors.Required("reason", body?.Reason, AllocationsApi.MaxText);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var entry = await ledger.ListAsync(enterprise!, reason!, caller, time.GetUtcNow());
            return Results.Created(Locations.Of("/v1/discipline-list") + "?enterprise=" + Uri.EscapeDataString(entry.Enterprise), ResourceJson.Of(entry));
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/discipline-list", (HttpRequest request, ResourceLedger ledger, ApiCaller caller) =>
        {
            string? enterprise = null;
            if (request.Query.ContainsKey("enterprise"))
            {
                var errors = new FieldErrors();
                enterprise = errors.Required("enterprise", request.Query["enterprise"].ToString());
                if (errors.Any)
                {
                    return errors.Problem();
                }
            }

            return Results.Ok(new { entries = ledger.Listings(enterprise, caller).Select(ResourceJson.Of) });
        }).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }
}
