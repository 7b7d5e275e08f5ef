using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using Screening.Directory;
using static Reference.Provisioning.Requests;

namespace Reference.Apis;

/// <summary>Enterprises: holders of trunks and ranges, with the sector that decides whether their calls are marketing calls.</summary>
public static class EnterprisesApi
{
    public static IEndpointRouteBuilder MapEnterprisesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/enterprises", async (EnterpriseRequest? body, InMemoryDirectory directory) =>
        {
            var errors = new FieldErrors();
            var id = errors.Required("id", body?.Id);
            var name = errors.Required("name", body?.Name);
            var sectorCode = errors.Required("sector", body?.Sector);
            var sector = Sector.Other;
            if (sectorCode is not null && !Sectors.TryParse(sectorCode, out sector))
            {
                errors.Add("sector", $"'{sectorCode}' is not a known sector; use one of {string.Join(", ", Sectors.Codes)}");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            var enterprise = new Enterprise(id!, name!, sector);
            return await directory.TryAddAsync(enterprise)
                ? Results.Created(Locations.Of("/v1/enterprises", id!), View(enterprise))
                : FieldErrors.Single("id", $"an enterprise {id} already exists", StatusCodes.Status409Conflict);
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/enterprises/{id}", (string id, InMemoryDirectory directory) =>
            directory.FindEnterprise(id) is { } enterprise ? Results.Ok(View(enterprise)) : NotFound.Problem("enterprise", id)).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }

    private static object View(Enterprise e) => new { id = e.Id, name = e.Name, sector = Sectors.Code(e.Sector) };
}
